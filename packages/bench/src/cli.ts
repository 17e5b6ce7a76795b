#!/usr/bin/env node
// The `hotpath-bench` binary. *.bench.ts files import workspace packages, which resolve to
// their TypeScript source only under an export condition, so without it this re-runs itself
// with `--conditions=<condition>` (and type stripping where Node needs the flag).
import { spawnSync } from 'node:child_process';
import { runCli } from './cli-main.ts';

const condition = process.env.HOTPATH_BENCH_CONDITION ?? '@hotpath/source';

function hasCondition(): boolean {
  const flags = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  return flags.some(
    (flag, i) =>
      flag === `--conditions=${condition}` ||
      flag === `-C=${condition}` ||
      ((flag === '--conditions' || flag === '-C') && flags[i + 1] === condition),
  );
}

function rerun(): number {
  const strip = (process.features as { typescript?: unknown }).typescript
    ? []
    : ['--experimental-strip-types'];
  const args = [
    `--conditions=${condition}`,
    ...strip,
    ...process.execArgv,
    process.argv[1]!,
    ...process.argv.slice(2),
  ];
  const child = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (child.error) {
    process.stderr.write(
      `error: could not re-run with --conditions=${condition}: ${child.error.message}\n`,
    );
    return 2;
  }
  return child.status ?? 2;
}

if (condition !== '' && !hasCondition()) {
  process.exitCode = rerun();
} else {
  process.exitCode = await runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
  });
}
