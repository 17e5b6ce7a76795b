#!/usr/bin/env bash
# Runs the whole vitest suite (or the vitest arguments given) on another Node.js version, taken from
# the `node` package on the npm registry:
#   scripts/test-node.sh 22            # the newest Node 22
#   scripts/test-node.sh 22.19.0       # the oldest supported Node 22
#   scripts/test-node.sh 24 packages/cache
# pnpm scripts always run on the Node 24 pinned in node_modules/.bin, so this runs vitest's entry
# with the chosen binary directly, and puts that binary's directory first on PATH so the child
# processes the tests spawn (CLIs, workers, `node` scripts) run on it too.
set -euo pipefail
version="${1:?usage: scripts/test-node.sh <node version: 22, 24, 22.19.0 …> [vitest arguments…]}"
shift
cd "$(dirname "$0")/.."
bin="$(npx -y -p "node@$version" -c 'node -p process.execPath')"
PATH="$(dirname "$bin"):$PATH"
export PATH
printf 'vitest on Node %s (%s)\n' "$("$bin" --version)" "$bin"
exec "$bin" node_modules/vitest/vitest.mjs run "$@"
