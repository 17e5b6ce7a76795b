#!/usr/bin/env node
// The `hotpath` binary: runs the command table with the process's streams, and turns
// SIGINT/SIGTERM into an abort so commands close their servers and connections cleanly.
import '@hotpath/protocol/assert-node';
import { runCli } from './cli.ts';

// A reader that went away (`hotpath bench --help | head -1`) is no failure of the command: stop
// quietly, as other command-line tools do, instead of crashing on an unhandled EPIPE.
const readerGone = (error: NodeJS.ErrnoException): void => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
};
process.stdout.on('error', readerGone);
process.stderr.on('error', readerGone);

const controller = new AbortController();
const stop = (): void => controller.abort(new Error('stopped by a signal'));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
try {
  process.exitCode = await runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
  });
} finally {
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
}
