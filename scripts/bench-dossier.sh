#!/usr/bin/env bash
# Dossier benchmark, side by side in one run on this machine:
#  1. `ready20k-cli dossier` on the demo firm (whole process, median of RUNS),
#  2. Chromium printing the same text to PDF (whole headless process, median of CRUNS),
#  3. `ready20k-cli dossier` on a firm ten times the size (scripts/ten-times-firm.py).
# Usage: scripts/bench-dossier.sh [cli] [runs] [chromium runs]
#   (default: target/release/ready20k-cli, 10, 5). Needs a release build
#   (`cargo build --release -p ready20k-cli`), python3, poppler-utils (pdftotext) and chromium.
set -euo pipefail
CLI=${1:-target/release/ready20k-cli}
RUNS=${2:-10}
CRUNS=${3:-5}
DATE=2026-11-30
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
HERE=$(cd "$(dirname "$0")" && pwd)

ms_now() { date +%s%N; }
# Median wall time in ms of running "$@" N times (first argument: N).
median_ms() {
  local n=$1; shift
  local times=()
  for _ in $(seq "$n"); do
    local t0 t1
    t0=$(ms_now)
    "$@" >/dev/null 2>&1
    t1=$(ms_now)
    times+=($(( (t1 - t0) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'
}

"$CLI" demo --date "$DATE" "$DIR/demo.r20k" >/dev/null
"$CLI" export "$DIR/demo.r20k" -o "$DIR/demo.json" >/dev/null 2>&1
python3 "$HERE/ten-times-firm.py" "$DIR/demo.json" "$DIR/ten.json"

dossier() { "$CLI" dossier "$1" -o "$2" --date "$DATE"; }
dossier "$DIR/demo.r20k" "$DIR/demo.pdf" >/dev/null
pages=$(pdfinfo "$DIR/demo.pdf" | awk '/^Pages:/ {print $2}')

# The same text as HTML: one section per page, one paragraph per block of lines.
pdftotext "$DIR/demo.pdf" "$DIR/demo.txt"
python3 - "$DIR/demo.txt" "$DIR/demo.html" <<'PY'
import html, sys
pages = open(sys.argv[1], encoding="utf-8").read().split("\f")
out = ["<!doctype html><meta charset=utf-8><style>body{font:9.4pt 'DejaVu Sans',sans-serif}"
       "section{break-after:page}</style>"]
for p in pages:
    paras = [" ".join(b.split("\n")) for b in p.split("\n\n") if b.strip()]
    out.append("<section>" + "".join(f"<p>{html.escape(t)}</p>" for t in paras) + "</section>")
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(out))
PY
CHROME=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)

demo_ms=$(median_ms "$RUNS" dossier "$DIR/demo.r20k" "$DIR/demo.pdf")
echo "ready20k-cli dossier, demo firm ($pages pages): median of $RUNS: ${demo_ms} ms"
if [ -n "$CHROME" ]; then
  chrome_ms=$(median_ms "$CRUNS" "$CHROME" --headless --no-sandbox --disable-gpu \
    --no-pdf-header-footer --print-to-pdf="$DIR/chrome.pdf" "file://$DIR/demo.html")
  cpages=$(pdfinfo "$DIR/chrome.pdf" | awk '/^Pages:/ {print $2}')
  echo "chromium --print-to-pdf, same text ($cpages pages): median of $CRUNS: ${chrome_ms} ms"
  awk -v a="$chrome_ms" -v b="$demo_ms" 'BEGIN {printf "ready20k is %.1fx faster\n", a / b}'
else
  echo "chromium not installed: no comparison"
fi
dossier "$DIR/ten.json" "$DIR/ten.pdf" >/dev/null
tpages=$(pdfinfo "$DIR/ten.pdf" | awk '/^Pages:/ {print $2}')
ten_ms=$(median_ms "$RUNS" dossier "$DIR/ten.json" "$DIR/ten.pdf")
json_ms=$(median_ms "$RUNS" dossier "$DIR/demo.json" "$DIR/demo2.pdf")
echo "ready20k-cli dossier, ten-times firm ($tpages pages, from JSON): median of $RUNS: ${ten_ms} ms"
echo "ready20k-cli dossier, demo firm from JSON ($pages pages): median of $RUNS: ${json_ms} ms"
awk -v a="$demo_ms" -v p="$pages" -v t="$ten_ms" -v q="$tpages" -v j="$json_ms" \
  'BEGIN {printf "per page: demo %.2f ms, demo from JSON %.2f ms, ten-times firm %.2f ms\n", a / p, j / p, t / q}'
