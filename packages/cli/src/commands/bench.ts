import { runCli as runBench } from '@hotpath/bench';
import type { Command } from '../command.ts';

const HELP = `Usage: hotpath bench [run] [words...] [flags]
       hotpath bench compare --base <ref> [words...] [flags]

Runs @hotpath/bench (the hotpath-bench command) with the same arguments: *.bench.ts scenarios
with peer-ratio targets, or a paired A/B regression gate against a git revision.
"hotpath bench --help" prints every flag of hotpath-bench.

Scenario files import workspace packages as TypeScript: run from a checkout with
node --conditions=@hotpath/source (as "npx -y pnpm@10 bench" does), or build first.`;

/** `hotpath bench`: hands every argument to `@hotpath/bench`'s `runCli`. */
export const benchCommand: Command = {
  name: 'bench',
  summary: 'run benchmark scenarios or the regression gate (delegates to @hotpath/bench)',
  help: HELP,
  options: {},
  passThrough: true,
  run({ argv }, io) {
    if (argv[0] === '--help' || argv[0] === '-h') io.stdout.write(`${HELP}\n\n`);
    return runBench(argv, {
      stdout: io.stdout,
      stderr: io.stderr,
      ...(io.cwd === undefined ? {} : { cwd: io.cwd }),
      ...(io.env === undefined ? {} : { env: io.env }),
      ...(io.signal === undefined ? {} : { signal: io.signal }),
    });
  },
};
