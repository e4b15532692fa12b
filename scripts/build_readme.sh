#!/usr/bin/env bash
# Assemble README.md from its parts: the overview, then each face's section from docs/.
# A line `<!-- include: PATH -->` in a part is replaced by the file PATH in a code block,
# so examples kept as real files (examples/ci/*.yml) cannot drift from the README.
# Usage: bash scripts/build_readme.sh [OUTPUT]   (default: README.md)
set -euo pipefail
out=$(realpath -m "${1:-README.md}")
cd "$(dirname "$0")/.."

include_re='^<!-- include: (.+) -->$'
expand_includes() {
  local line path
  while IFS= read -r line || [ -n "$line" ]; do
    if [[ $line =~ $include_re ]]; then
      path=${BASH_REMATCH[1]}
      [ -f "$path" ] || { echo "build_readme: $1 includes $path, which does not exist" >&2; exit 1; }
      echo '```'"${path##*.}"
      cat "$path"
      echo '```'
    else
      printf '%s\n' "$line"
    fi
  done < "$1"
}

{
  cat docs/readme/overview.md
  for part in crawler ci policy companion extension; do echo; expand_includes "docs/$part.md"; done
  echo
  cat docs/readme/development.md
} > "$out"
