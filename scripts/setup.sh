#!/usr/bin/env bash
# Set up a development environment from a fresh clone: system packages (when missing),
# .venv with brightline and its test tools, a Chromium, and the npm packages the fixture
# web uses. Safe to run again; it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
  echo "[setup] need root to run: $*" >&2; return 1; fi; }

apt_missing=()
python3 -c 'import venv, ensurepip' 2>/dev/null || apt_missing+=(python3-venv)
command -v node >/dev/null || apt_missing+=(nodejs)
command -v npm >/dev/null || apt_missing+=(npm)
if [ ${#apt_missing[@]} -gt 0 ]; then
  say "installing system packages: ${apt_missing[*]}"
  as_root apt-get update -qq
  as_root apt-get install -y -qq "${apt_missing[@]}"
fi

if [ ! -x .venv/bin/python ]; then
  say "creating .venv"
  python3 -m venv .venv
fi
say "installing brightline into .venv"
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e ".[test]"

# A browser: BRIGHTLINE_CHROMIUM, Playwright's own Chromium, or the system chromium.
if [ -n "${BRIGHTLINE_CHROMIUM:-}" ] && [ -x "${BRIGHTLINE_CHROMIUM}" ]; then
  say "using BRIGHTLINE_CHROMIUM=${BRIGHTLINE_CHROMIUM}"
elif .venv/bin/python -m crawler.browser --check >/dev/null 2>&1; then
  say "browser: $(.venv/bin/python -m crawler.browser --check)"
else
  say "no Chromium found; installing one"
  if command -v apt-get >/dev/null && as_root apt-get update -qq && as_root apt-get install -y -qq chromium; then
    say "installed Debian chromium"
  else
    say "apt could not install chromium; trying Playwright's download"
    .venv/bin/python -m playwright install chromium
  fi
fi

if [ -f tests/fixtures/web/package.json ]; then
  say "installing fixture web npm packages"
  (cd tests/fixtures/web && if [ -f package-lock.json ]; then npm ci --silent --no-audit --no-fund; else npm install --silent --no-audit --no-fund; fi)
fi
# Compile the analyzer's patterns once, so the first check or lint-text starts warm: they
# are kept in the user cache directory (companion/regex_cache.py).
say "compiling the analyzer's patterns"
printf '%s' '<!doctype html><html><body><div role="dialog"><p>We use cookies.</p><button>Accept all</button><a href="#">No thanks</a></div></body></html>' \
  | .venv/bin/brightline check - --url https://warm-up.example/ >/dev/null
printf 'No thanks, I prefer paying full price\n' | .venv/bin/brightline lint-text >/dev/null
say "ready"
