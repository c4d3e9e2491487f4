#!/usr/bin/env bash
# Startup benchmark: time from process start to the start screen painted (median of N runs),
# and the app's total memory idle on the start screen (PSS of all its processes).
# Usage: scripts/bench-startup.sh [binary] [runs]   (default: target/release/ready20k, 10)
# Needs a release build (`cargo build --release -p ready20k`) and xvfb-run.
set -euo pipefail
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$@"
fi
BIN=${1:-target/release/ready20k}
RUNS=${2:-10}
DATA=$(mktemp -d)
trap 'rm -rf "$DATA"' EXIT
export READY20K_DATA_DIR=$DATA

run_once() {
  # Prints ms from spawn to "painted" reported by the app itself.
  local start end
  start=$(date +%s%3N)
  end=$(READY20K_BENCH=exit "$BIN" 2>&1 | sed -n 's/^READY20K_PAINTED \([0-9]*\)$/\1/p' | head -1)
  [ -n "$end" ] || { echo "no paint marker" >&2; return 1; }
  echo $((end - start))
}

pss_idle() {
  # Starts the app, waits until painted plus 3 s idle, sums PSS over its process tree.
  local log pid
  log=$(mktemp)
  READY20K_BENCH=1 "$BIN" 2>"$log" &
  pid=$!
  for _ in $(seq 1 200); do grep -q READY20K_PAINTED "$log" && break; sleep 0.05; done
  sleep 3
  local pids total=0 kb kids
  kids=$(pgrep -P "$pid" || true)
  pids="$pid $kids"
  for c in $kids; do pids="$pids $(pgrep -P "$c" || true)"; done
  for p in $pids; do
    kb=$(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)
    total=$((total + ${kb:-0}))
  done
  echo "processes: $(echo $pids | wc -w)  PSS total: $((total / 1024)) MB"
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -f "$log"
}

times=()
run_once >/dev/null # warm the page cache
for _ in $(seq 1 "$RUNS"); do times+=("$(run_once)"); done
sorted=$(printf "%s\n" "${times[@]}" | sort -n)
echo "start -> painted (ms), $RUNS runs: $(echo $sorted)"
echo "median: $(echo "$sorted" | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}') ms"
pss_idle
