#!/usr/bin/env bash
# Runs .github/workflows/bench.yml's shell step locally, the way GitHub runs it: in a shallow,
# single-branch clone of the pull request's head (so origin/<base> is absent and hotpath-bench
# must fetch it), with the same command. An "origin" is made first: a bare clone of this
# repository whose branch `pr` is the head and whose branch <base-branch> is the base. The
# sticky-comment step is not simulated: its input, benchmarks/results/compare.md, is printed.
#   usage: benchmarks/ci/simulate-bench-workflow.sh [head commit-ish] [base commit-ish] [base-branch]
#   default: HEAD (what is committed) against main, as a pull request into main
#   history: benchmarks/ci/simulate-bench-workflow.sh main~1 main~2    (a past commit as a PR)
set -euo pipefail
repo="$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
head="$(git -C "$repo" rev-parse --verify "${1:-HEAD}^{commit}")"
base="$(git -C "$repo" rev-parse --verify "${2:-main}^{commit}")"
branch="${3:-main}"
work="$(mktemp -d "${TMPDIR:-/tmp}/hotpath-bench-workflow-XXXXXX")"
trap 'rm -rf "$work"' EXIT
git clone --quiet --bare "$repo" "$work/origin.git"
git -C "$work/origin.git" branch -f pr "$head"
git -C "$work/origin.git" branch -f "$branch" "$base"
# What actions/checkout does for a pull request: one commit, one branch, over a URL.
git clone --quiet --depth=1 --single-branch --branch pr "file://$work/origin.git" "$work/clone"
cd "$work/clone"
echo "simulating bench.yml: head ${head:0:12} against origin/$branch = ${base:0:12}" \
  "(shallow: $(git rev-parse --is-shallow-repository); remote branches: $(git branch -r | tr -d ' ' | paste -sd, -))"
status=0
BASE_REF="$branch" bash -c 'benchmarks/ci/bench-gate.sh "origin/$BASE_REF"' || status=$?
echo "== gate exit code: $status"
if [ -f benchmarks/results/compare.md ]; then
  echo "== the sticky comment would be:"
  cat benchmarks/results/compare.md
fi
exit "$status"
