#!/usr/bin/env bash
# Assemble README.md from its parts: the overview, then each face's section from docs/.
set -euo pipefail
cd "$(dirname "$0")/.."
{
  cat docs/readme/overview.md
  for part in crawler companion extension; do echo; cat "docs/$part.md"; done
  echo
  cat docs/readme/development.md
} > README.md
