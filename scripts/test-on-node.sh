#!/usr/bin/env bash
# Runs the unit tests and the package tests (light import, consumer projects from the packed tarball,
# publint, arethetypeswrong) on another Node.js, taken from the npm registry's `node` package: its binary
# comes in a registry package (node-<os>-<arch>), so nothing is downloaded from anywhere else, and npx
# caches it. Builds first, with that Node. Needs `npm ci` (and, for the MLflow case of the light-import
# test, the venv that `npm test` makes).
#
#   bash scripts/test-on-node.sh 24.21.0      # an exact version, as .ci/run pins it
#   bash scripts/test-on-node.sh 22           # the newest 22.x
set -euo pipefail
cd "$(dirname "$0")/.."
version="${1:?usage: bash scripts/test-on-node.sh NODE_VERSION (e.g. 24.21.0 or 22)}"

npx --yes --package "node@${version}" -- bash -c '
  set -euo pipefail
  actual="$(node -p process.versions.node)"
  if [[ "$actual" != "$1" && "$actual" != "$1".* ]]; then
    echo "asked for Node $1 but PATH gives $actual ($(command -v node))" >&2
    exit 1
  fi
  echo "== node v$actual ($(command -v node)), npm $(npm --version)"
  npm run build
  npx mocha --no-config --timeout 60000 -r ts-node/register/transpile-only -r test/setup.ts \
    -r test/helpers/mlflow-root-hooks.ts --extension ts "test/unit/**/*.test.ts" "test/integration/package/**/*.test.ts"
' test-on-node "$version"
