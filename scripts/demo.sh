#!/usr/bin/env bash
# The main job, end to end, with no internet: set everything up, serve the bundled demo
# sites on loopback (real consent libraries from npm, real tracker host names mapped to
# 127.0.0.1), crawl them with Brightline, and write brightline-demo/report.html.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-brightline-demo}"

bash scripts/setup.sh

say() { printf '\033[1m[demo]\033[0m %s\n' "$*"; }
portfile=$(mktemp)
.venv/bin/python -m tests.fixtureweb.server --port 0 >"$portfile" 2>/dev/null &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -f "$portfile"' EXIT
for _ in $(seq 1 100); do [ -s "$portfile" ] && break; sleep 0.2; done
port=$(head -n1 "$portfile")
[ -n "$port" ] || { echo "[demo] the demo web did not start" >&2; exit 2; }
flags="--host-resolver-rules='MAP * 127.0.0.1:${port}' --ignore-certificate-errors"
say "demo web on 127.0.0.1:${port} (every host name maps there for the browser)"

rm -rf "$OUT"
set +e
say "auditing https://www.megadeals-outlet.com/ (a shop whose banner looks fair but is not honoured)"
.venv/bin/brightline crawl https://www.megadeals-outlet.com/ --out "$OUT" --max-pages 10 \
  --interact reject --fail-on none --chrome-flags "$flags"
code=$?
for site in www.quizmaster-daily.com www.abendecho-digital.de www.velo-passion.fr www.crumbsandcrust.com; do
  say "auditing https://${site}/"
  .venv/bin/brightline crawl "https://${site}/" --out "$OUT/more/${site}" --max-pages 5 \
    --interact reject --fail-on none --quiet --chrome-flags "$flags" || code=$?
done
set -e
[ "$code" = 0 ] || { echo "[demo] a crawl failed (exit $code)" >&2; exit "$code"; }
say "report: $OUT/report.html  (more sites: $OUT/more/*/report.html)"
