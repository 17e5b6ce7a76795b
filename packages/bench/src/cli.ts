#!/usr/bin/env node
// The `hotpath-bench` command. Published, it starts from bin/hotpath-bench.cjs; in this
// repository, from this file. Run from source, the workspace packages it imports resolve only
// under the `@hotpath/source` export condition, so without it this re-runs itself with the
// condition before importing anything else.
import { spawnSync } from 'node:child_process';
import { EXIT } from './internal/exit-codes.ts';
import { missingFlags } from './internal/node-flags.ts';

function rerun(flags: readonly string[]): number {
  const args = [...flags, ...process.execArgv, process.argv[1]!, ...process.argv.slice(2)];
  const child = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (child.error) {
    process.stderr.write(
      `error: could not re-run with ${flags.join(' ')}: ${child.error.message}\n`,
    );
    return EXIT.usage;
  }
  return child.status ?? (child.signal === 'SIGINT' ? EXIT.interrupted : EXIT.usage);
}

/**
 * The command could not load: on an unsupported Node.js, `@hotpath/protocol`'s
 * UnsupportedNodeError (HOTPATH_PROTOCOL_UNSUPPORTED_NODE), whose message names MIN_NODE_VERSION. A coded error is shown by its
 * code and message alone; anything else with its stack. Always the documented exit 2.
 */
function loadFailed(error: unknown): number {
  const code = (error as { code?: unknown } | null)?.code;
  const text =
    typeof code === 'string' && error instanceof Error
      ? ` ${code}: ${error.message}`
      : `: hotpath-bench could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  process.stderr.write(`error${text}\n`);
  return EXIT.usage;
}

async function main(): Promise<number> {
  let runCli: typeof import('./cli-main.ts').runCli;
  try {
    ({ runCli } = await import('./cli-main.ts'));
  } catch (error) {
    return loadFailed(error);
  }
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
