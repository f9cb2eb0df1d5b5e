#!/usr/bin/env bash
# A measured benchmark, not part of CI: wrk against a production-mode server on this
# machine, /healthz (the floor: one query, no template) against a region page.
# Target: the region page serves at least 60% of /healthz's requests per second,
# with no error.
#
#   SECRET_KEY=... make serve          # in another shell: gunicorn on 127.0.0.1:8000
#   loadtest/run.sh                    # 50 connections, 30 s on each address
#
# The 30 s are taken in interleaved rounds (healthz, region, healthz, ...) so that
# whatever else the machine is doing weighs on both alike. Settings, from the
# environment: BASE_URL (this machine only), CONNECTIONS, DURATION (seconds per
# address), ROUNDS, THREADS,
# REGION_PATH (/zh-hans/regions/dongcheng/ for the Chinese page), and GUNICORN_PID
# (the master's pid: also print the workers' CPU time per request).
set -euo pipefail
cd "$(dirname "$0")"

BASE_URL=${BASE_URL:-http://127.0.0.1:8000}
CONNECTIONS=${CONNECTIONS:-50}
DURATION=${DURATION:-30}
ROUNDS=${ROUNDS:-3}
THREADS=${THREADS:-2}
REGION_PATH=${REGION_PATH:-/regions/dongcheng/}
TARGET_RATIO=${TARGET_RATIO:-0.60}
PATHS=(/healthz "$REGION_PATH")

case "$BASE_URL" in
  http://127.0.0.1:* | http://localhost:*) ;;
  *) echo "Refusing to load anything but this machine: BASE_URL=$BASE_URL" >&2; exit 2 ;;
esac
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
for path in "${PATHS[@]}"; do
  status=$(curl -s -o /dev/null -w '%{http_code}' -H 'X-Forwarded-Proto: https' \
    "$BASE_URL$path" || true)
  [ "$status" = 200 ] || { echo "$BASE_URL$path answers $status, not 200" >&2; exit 2; }
  wrk -t1 -c4 -d2s -s report.lua "$BASE_URL$path" >/dev/null  # warm every cache
done

worker_cpu() {  # clock ticks the gunicorn workers have used so far
  [ -n "${GUNICORN_PID:-}" ] || { echo 0; return; }
  local total=0 pid
  for pid in $(pgrep -P "$GUNICORN_PID"); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo "$total"
}

field() { sed -E "s/.* $1=([0-9.]+).*/\1/" <<<"$2"; }
declare -A requests=() errors=() ticks=() worst_p99=()
round_seconds=$(( DURATION / ROUNDS ))
for round in $(seq "$ROUNDS"); do
  for path in "${PATHS[@]}"; do
    before=$(worker_cpu)
    line=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${round_seconds}s" --timeout 10s \
      -s report.lua "$BASE_URL$path" | grep '^RESULT')
    ticks[$path]=$(( ${ticks[$path]:-0} + $(worker_cpu) - before ))
    echo "round $round $path: ${line#RESULT }"
    requests[$path]=$(( ${requests[$path]:-0} + $(field requests "$line") ))
    errors[$path]=$(( ${errors[$path]:-0} + $(field errors "$line") + $(field non2xx "$line") ))
    worst_p99[$path]=$(awk -v a="${worst_p99[$path]:-0}" -v b="$(field p99_ms "$line")" \
      'BEGIN { print (b > a ? b : a) }')
  done
done

echo
for path in "${PATHS[@]}"; do
  rps=$(awk -v n="${requests[$path]}" -v s="$(( round_seconds * ROUNDS ))" \
    'BEGIN { printf "%.0f", n / s }')
  cpu=""
  [ -z "${GUNICORN_PID:-}" ] || cpu=$(awk -v t="${ticks[$path]}" -v n="${requests[$path]}" \
    -v hz="$(getconf CLK_TCK)" 'BEGIN { printf ", worker CPU %.2f ms/request", t * 1000 / hz / n }')
  echo "$path: $rps requests/s, worst round p99 ${worst_p99[$path]} ms, errors ${errors[$path]}$cpu"
done
ratio=$(awk -v a="${requests[$REGION_PATH]}" -v b="${requests[/healthz]}" \
  'BEGIN { printf "%.2f", a / b }')
total_errors=$(( ${errors[/healthz]} + ${errors[$REGION_PATH]} ))
echo "region / healthz requests per second: $ratio (target >= $TARGET_RATIO), errors: $total_errors"
awk -v r="$ratio" -v t="$TARGET_RATIO" -v e="$total_errors" 'BEGIN { exit !(r >= t && e == 0) }'
