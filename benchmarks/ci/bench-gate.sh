#!/usr/bin/env bash
# The benchmark gate of this repository: every hotpath task of benchmarks/src/scenarios, the
# working tree against a base revision, in lock-step base/head process pairs. The pull-request
# workflow (.github/workflows/bench.yml) runs exactly this, and so does its local simulation
# (benchmarks/ci/simulate-bench-workflow.sh). Exit codes are hotpath-bench's: 0 pass (or too
# noisy, with a warning), 1 regression, 2 setup error. The report lands in benchmarks/results/.
#   usage: benchmarks/ci/bench-gate.sh <base ref, e.g. origin/main> [more hotpath-bench flags]
set -euo pipefail
base="${1:?usage: bench-gate.sh <base ref> [hotpath-bench flags]}"
shift
cd "$(dirname "$0")/../.."
npx -y pnpm@10 install --frozen-lockfile
# @keyv/sqlite's native addon, built for this Node (cached per Node and lockfile).
npx -y pnpm@10 --filter @hotpath/benchmarks run native-peers
# hotpath's own tasks only: a peer library's code is the same on both sides. HTTP and worker
# scenarios are noisy at a few percent, hence 5%; measuring is capped at 4 minutes.
npx -y pnpm@10 --filter @hotpath/benchmarks run gate --base "$base" --task '› hotpath' \
  --processes 6 --threshold 0.05 --budget 240 "$@"
