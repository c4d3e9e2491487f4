#!/usr/bin/env bash
# Regenerates the Tauri 2 icon set from ready20k.svg into this directory.
# Outputs: 32x32.png, 128x128.png, 128x128@2x.png, icon.png (512), icon.ico, icon.icns.
# Needs: rsvg-convert (librsvg2-bin), ImageMagick (convert/identify), png2icns (icnsutils).
# Idempotent: every run overwrites the outputs from the SVG; nothing else is touched.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$here/ready20k.svg"

die() { echo "generate.sh: $*" >&2; exit 1; }

[ -f "$src" ] || die "source SVG not found: $src"
command -v rsvg-convert >/dev/null || die "rsvg-convert missing (apt-get install librsvg2-bin)"
command -v convert >/dev/null || die "ImageMagick 'convert' missing (apt-get install imagemagick)"
command -v identify >/dev/null || die "ImageMagick 'identify' missing (apt-get install imagemagick)"

if ! command -v png2icns >/dev/null; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "generate.sh: installing icnsutils (png2icns)..." >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y icnsutils >/dev/null \
      || { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y icnsutils >/dev/null; } \
      || die "could not install icnsutils"
  else
    die "png2icns missing: install the Debian package 'icnsutils' (sudo apt-get install icnsutils)"
  fi
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# Small-size variant of the same source: drop the fine "20k" detail (class="lg")
# and show the bolder, centred check (class="sm").
small="$tmp/small.svg"
sed -e '/<g class="lg">/,/<!-- \/lg -->/d' -e '/class="sm"/s/ display="none"//' "$src" >"$small"
{ ! grep -q '<g class="lg">' "$small" && grep -q 'class="sm" d=' "$small"; } || die "could not derive the small-size variant"

# Render the SVG at size $1 to an 8-bit RGBA PNG at $2 (sizes <= 48 use the small variant).
render() {
  local svg="$src"
  [ "$1" -le 48 ] && svg="$small"
  rsvg-convert -w "$1" -h "$1" "$svg" -o "$tmp/raw-$1.png"
  convert "$tmp/raw-$1.png" -background none -alpha on -strip PNG32:"$2"
}

for s in 16 24 32 48 64 128 256 512 1024; do
  render "$s" "$tmp/$s.png"
done

cp "$tmp/32.png"  "$here/32x32.png"
cp "$tmp/128.png" "$here/128x128.png"
cp "$tmp/256.png" "$here/128x128@2x.png"
cp "$tmp/512.png" "$here/icon.png"

# Windows icon: all sizes in one file (ImageMagick stores 256 as PNG inside).
convert "$tmp/16.png" "$tmp/24.png" "$tmp/32.png" "$tmp/48.png" "$tmp/64.png" "$tmp/256.png" \
  "$tmp/icon.ico"
mv -f "$tmp/icon.ico" "$here/icon.ico"

# macOS icon: png2icns accepts 16, 32, 48, 128, 256, 512 and 1024.
png2icns "$tmp/icon.icns" "$tmp/16.png" "$tmp/32.png" "$tmp/48.png" "$tmp/128.png" \
  "$tmp/256.png" "$tmp/512.png" "$tmp/1024.png" >/dev/null
mv -f "$tmp/icon.icns" "$here/icon.icns"

# Verify.
fail=0
check_png() { # file size
  local out
  out="$(identify -format '%w %h %[channels] %z' "$here/$1")"
  if [ "$out" != "$2 $2 srgba 8" ]; then
    echo "generate.sh: $1 is '$out', expected '$2 $2 srgba 8'" >&2
    fail=1
  fi
}
check_png 32x32.png 32
check_png 128x128.png 128
check_png 128x128@2x.png 256
check_png icon.png 512

ico_sizes="$(identify -format '%w ' "$here/icon.ico")"
[ "$ico_sizes" = "16 24 32 48 64 256 " ] \
  || { echo "generate.sh: icon.ico sizes are '$ico_sizes'" >&2; fail=1; }
file -b "$here/icon.icns" | grep -q 'Mac OS X icon' \
  || { echo "generate.sh: icon.icns not recognised as ICNS" >&2; fail=1; }

[ "$fail" -eq 0 ] || die "verification failed"

for f in 32x32.png 128x128.png 128x128@2x.png icon.png icon.ico icon.icns; do
  printf '%-16s %8s bytes  %s\n' "$f" "$(stat -c %s "$here/$f")" "$(file -b "$here/$f")"
done
cp "$here/128x128.png" "$here/../ui/public/icon.png"  # the UI shows the mark too
