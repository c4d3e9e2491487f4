#!/usr/bin/env bash
# Installs a Ready20k .deb on this machine and checks what a user gets: the CLI runs, the
# desktop entry and the .r20k file type are registered, and the app opens a project given on
# its command line (as a double-click does) with its window on screen, and a second launch
# hands its file to the running app. Needs an X display and a session bus (xvfb-run -a
# dbus-run-session -- ...).
# Usage: [SUDO=sudo] packaging/check-installed.sh target/<profile>/bundle/deb/Ready20k_*.deb
# (installing needs root: run as root or set SUDO=sudo).
# Leaves the package installed; `dpkg -r ready20k` removes it.
set -euo pipefail

deb="$1"
[ -f "$deb" ] || { echo "check-installed: no package at $deb" >&2; exit 2; }
fail() { echo "check-installed: FAILED: $*" >&2; exit 1; }

# A clean machine has the libraries the package depends on only if something installed them:
# dpkg refuses then, and apt-get -f installs them and finishes the configuration.
sudo=${SUDO:-}
$sudo dpkg -i "$deb" || DEBIAN_FRONTEND=noninteractive $sudo apt-get install -f -y -qq
dpkg -s ready20k | grep -q '^Status: install ok installed' || fail "ready20k is not installed"

version=$(ready20k-cli --version) || fail "ready20k-cli --version exited non-zero"
[ "$version" = "ready20k-cli $(dpkg-query -W -f='${Version}' ready20k)" ] \
  || fail "ready20k-cli --version printed '$version'"
echo "ok: $version"

desktop=/usr/share/applications/Ready20k.desktop
desktop-file-validate "$desktop" || fail "$desktop is not a valid desktop entry"
grep -q '^Exec=ready20k %f$' "$desktop" || fail "$desktop does not pass the file to the app"
grep -q '^MimeType=application/x-ready20k;$' "$desktop" || fail "$desktop lacks the .r20k type"
grep -q 'application/x-ready20k:\*\.r20k' /usr/share/mime/globs2 \
  || fail "the shared MIME database does not map *.r20k to application/x-ready20k"
default=$(xdg-mime query default application/x-ready20k)
[ "$default" = Ready20k.desktop ] || fail "xdg-mime opens .r20k with '$default'"
echo "ok: desktop entry, *.r20k -> application/x-ready20k -> $default"

work=$(mktemp -d)
app=""
cleanup() {
  [ -z "$app" ] || kill "$app" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
# Waits up to 30 s for the running app to list file $1 in its recent list (it opened it), then
# checks the app still runs; fails with message $2 and the app's log otherwise.
await_opened() {
  for _ in $(seq 60); do
    grep -qs "$1" "$work/data/recent.json" && break
    sleep 0.5
  done
  grep -qs "$1" "$work/data/recent.json" || { cat "$work/app.log" >&2; fail "$2"; }
  kill -0 "$app" || { cat "$work/app.log" >&2; fail "the app exited"; }
}
ready20k-cli new "$work/Acme IT.r20k" --firm "Acme IT Ltd" >/dev/null

# The app as the file manager starts it (Exec=ready20k %f), with its own data dir; the
# project it opened from the command line is recorded in that dir's recent list.
READY20K_DATA_DIR="$work/data" ready20k "$work/Acme IT.r20k" >"$work/app.log" 2>&1 &
app=$!
timeout 60 xdotool search --sync --onlyvisible --name '^Ready20k' >/dev/null \
  || { cat "$work/app.log" >&2; fail "no Ready20k window within 60 s"; }
await_opened "Acme IT.r20k" "the app did not open the project given on its command line"
echo "ok: the installed app shows its window and opened the project from its command line"

# A second double-click while the app runs: the new process passes the file to the running
# one over the session bus and exits; the running app opens it.
ready20k-cli new "$work/Beta.r20k" --firm "Beta Services Ltd" >/dev/null
READY20K_DATA_DIR="$work/data" timeout 60 ready20k "$work/Beta.r20k" >>"$work/app.log" 2>&1 \
  || { cat "$work/app.log" >&2; fail "a second launch did not hand its file to the running app"; }
await_opened "Beta.r20k" "the running app did not open the file of a second launch"
echo "ok: a second launch opened its project in the running app"
