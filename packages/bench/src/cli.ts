#!/usr/bin/env node
// The `hotpath-bench` command. Published, it starts from bin/hotpath-bench.cjs (which checks
// the Node.js version first); in this repository, from this file. Run from source, the
// workspace packages it imports resolve only under the `@hotpath/source` export condition,
// so without it this re-runs itself with the condition before importing anything else.
import { spawnSync } from 'node:child_process';
import { missingFlags } from './internal/node-flags.ts';

function rerun(flags: readonly string[]): number {
  const args = [...flags, ...process.execArgv, process.argv[1]!, ...process.argv.slice(2)];
  const child = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (child.error) {
    process.stderr.write(
      `error: could not re-run with ${flags.join(' ')}: ${child.error.message}\n`,
    );
    return 2;
  }
  return child.status ?? (child.signal === 'SIGINT' ? 130 : 2);
}

async function main(): Promise<number> {
  const { runCli } = await import('./cli-main.ts');
  const controller = new AbortController();
  const stop = (): void => controller.abort(new Error('interrupted'));
  process.once('SIGINT', stop).once('SIGTERM', stop);
  return runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    signal: controller.signal,
  });
}

const fromSource = import.meta.url.endsWith('.ts');
const missing = fromSource ? missingFlags(process.execArgv, process.env) : [];
process.exitCode = missing.length > 0 ? rerun(missing) : await main();
