#!/usr/bin/env bash
# A measured benchmark, not part of CI: wrk against a production-mode server on this
# machine, /healthz (the floor: one query, no template) against a region page, then
# POST /api/assess from many clients each under its rate limit, and from one client
# over it while /healthz is measured beside it.
# Targets: the region page serves at least 60% of /healthz's requests per second,
# with no error; /api/assess under the limit answers with no error; one client
# over its limit gets 429s and leaves /healthz's p99 within 250 ms.
#
#   SECRET_KEY=... PORTAL_BASE_URL=https://... TRUSTED_PROXY_COUNT=1 make serve
#   loadtest/run.sh                    # 50 connections, 30 s on each address
#
# TRUSTED_PROXY_COUNT=1 lets wrk play the proxy and name the clients in
# X-Forwarded-For; with REDIS_URL set, every gunicorn process counts a client's
# requests together (without it, each process lets a client have its limit).
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
REGION_PATH=${REGION_PATH:-/en/regions/dongcheng/}
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
pages_ok=$(awk -v r="$ratio" -v t="$TARGET_RATIO" -v e="$total_errors" \
  'BEGIN { print (r >= t && e == 0) }')

echo
# Many clients, each under its limit: every answer a 200.
under=$(CLIENTS=many wrk -t"$THREADS" -c"$CONNECTIONS" -d"${round_seconds}s" --timeout 10s \
  -s assess.lua "$BASE_URL/api/assess" | grep '^RESULT')
echo "/api/assess, many clients under the limit: ${under#RESULT }"
# One client over its limit, with /healthz measured beside it by another client.
CLIENTS=one wrk -t1 -c"$CONNECTIONS" -d"${round_seconds}s" --timeout 10s \
  -s assess.lua "$BASE_URL/api/assess" > over.out &
abuser=$!
beside=$(wrk -t1 -c10 -d"$(( round_seconds - 2 ))s" --timeout 10s -s report.lua \
  "$BASE_URL/healthz" | grep '^RESULT')
wait "$abuser"
over=$(grep '^RESULT' over.out); rm -f over.out
echo "/api/assess, one client over the limit (non2xx = 429s): ${over#RESULT }"
echo "/healthz beside it: ${beside#RESULT }"
api_ok=$(awk -v e="$(field errors "$under")" -v n="$(field non2xx "$under")" \
  -v p="$(field p99_ms "$beside")" -v h="$(field non2xx "$beside")" \
  -v r="$(field non2xx "$over")" 'BEGIN { print (e == 0 && n == 0 && h == 0 && r > 0 && p < 250) }')
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
[ "$pages_ok" = 1 ] && [ "$api_ok" = 1 ]
