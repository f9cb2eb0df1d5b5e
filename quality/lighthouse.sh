#!/usr/bin/env bash
# Lighthouse 12 (desktop preset, 3 runs, median score) on a home, a region, a policy
# and a results page of a production-mode server on this machine. Target: every
# category >= 95 on every page. A measured audit, not part of CI.
#
#   SECRET_KEY=... make serve          # in another shell: gunicorn on 127.0.0.1:8000
#   quality/lighthouse.sh              # installs Lighthouse into quality/node_modules
#
# Settings (environment): BASE_URL (this machine only), RUNS, CHROME_PATH, and
# LANGUAGE_PREFIX (/en, the default, or /zh-hans for the Chinese pages). Reports are kept in
# quality/reports/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")"

BASE_URL=${BASE_URL:-http://127.0.0.1:8000}
RUNS=${RUNS:-3}
TARGET=${TARGET:-95}
PREFIX=${LANGUAGE_PREFIX:-/en}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
PYTHON=../.venv/bin/python
[ -x "$PYTHON" ] || PYTHON=python3

case "$BASE_URL" in
  http://127.0.0.1:* | http://localhost:*) ;;
  *) echo "Refusing to audit anything but this machine: BASE_URL=$BASE_URL" >&2; exit 2 ;;
esac
[ -x node_modules/.bin/lighthouse ] || npm ci --no-audit --no-fund --loglevel=error

# The results page needs answers: walk the check once and audit its share link,
# which shows the same results without a session.
results=$("$PYTHON" ../loadtest/walk_wizard.py --base-url "$BASE_URL" --share-link)
declare -A PAGES=(
  [home]="$PREFIX/"
  [region]="$PREFIX/regions/dongcheng/"
  [policy]="$PREFIX/policies/DC-1/"
  [results]="$PREFIX${results#/en}"
)
ORDER=(home region policy results)

mkdir -p reports
for name in "${ORDER[@]}"; do
  for run in $(seq "$RUNS"); do
    # The TLS proxy in front would add X-Forwarded-Proto; without it the production
    # server redirects to https.
    node_modules/.bin/lighthouse "$BASE_URL${PAGES[$name]}" \
      --preset=desktop --quiet --output=json --output-path="reports/$name-$run.json" \
      --extra-headers='{"X-Forwarded-Proto": "https"}' \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"
  done
done

"$PYTHON" - "$RUNS" "$TARGET" "${ORDER[@]}" <<'EOF'
import json
import statistics
import sys

runs, target, pages = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
categories = ["performance", "accessibility", "best-practices", "seo"]
print(f"{'page':10}" + "".join(f"{c:>16}" for c in categories))
below = []
for page in pages:
    reports = [json.load(open(f"reports/{page}-{n}.json")) for n in range(1, runs + 1)]
    row = f"{page:10}"
    for category in categories:
        score = round(statistics.median(
            r["categories"][category]["score"] * 100 for r in reports
        ))
        row += f"{score:>16}"
        if score < target:
            failed = sorted({
                audit["id"]
                for r in reports
                for audit in r["audits"].values()
                if audit.get("score") is not None and audit["score"] < 0.9
                and audit["id"] in {
                    ref["id"] for ref in r["categories"][category]["auditRefs"]
                    if ref["weight"] > 0
                }
            })
            below.append(f"{page} {category} {score}: {', '.join(failed)}")
    print(row)
print(f"\nmedian of {runs} runs; target {target} in every category")
for line in below:
    print("below target:", line)
sys.exit(1 if below else 0)
EOF
