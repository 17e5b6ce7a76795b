import { parseArgs } from 'node:util';
import { BenchUsageError } from '../errors.ts';
import type { Statistic } from './measure.ts';

/** Parsed and checked command line. */
export interface CliArgs {
  readonly command: 'run' | 'compare' | 'help';
  readonly words: readonly string[];
  readonly dir: string;
  readonly out: string;
  readonly rounds: number;
  readonly timeMs: number;
  readonly statistic: Statistic;
  readonly threshold: number;
  readonly alpha: number;
  readonly seed: number | undefined;
  readonly budgetMs: number | undefined;
  readonly base: string | undefined;
  readonly baseDir: string | undefined;
  readonly noiseLimit: number | undefined;
  readonly probe: boolean;
  readonly confirm: boolean;
  readonly install: boolean;
}

/** Usage text of `hotpath-bench --help`. */
export const HELP = `hotpath-bench: tinybench runner and benchmark regression gate

Usage:
  hotpath-bench [run] [words...] [options]      run *.bench.ts scenarios, check peer-ratio targets
  hotpath-bench compare --base <ref> [words...]  compare the working tree with a base revision

Words keep only files whose path contains one of them.

Options:
  --dir <folder>        where to find *.bench.ts files (default: .)
  --out <folder>        where to write .json, .md and .svg reports (default: .hotpath/bench)
  --rounds <n>          interleaved rounds (default: run 10, compare 30)
  --time <ms>           time per task per round (default: run 100, compare 40)
  --smoke               2 rounds × 30 ms: checks that every task runs, judges nothing
  --budget <seconds>    stop rounds early so the measuring fits in this time (≥ 6 rounds)
  --statistic <s>       per-round cost: median (default) or mean call
  --threshold <f>       practical threshold, a fraction (default: 0.05 = 5%)
  --alpha <f>           family-wise significance level (default: 0.05)
  --seed <n>            seed of round order and bootstrap (default: random, printed)
compare only:
  --base <ref>          base revision (branch, tag, commit, HEAD~1, origin/main)
  --base-dir <folder>   a prepared (installed, built) base tree laid out like the current folder
  --no-install          do not install and build the base worktree
  --noise-limit <f>     largest A/A interval half-width that still decides (default: threshold)
  --no-probe            skip the A/A noise probe
  --no-confirm          do not re-run flagged benchmarks

Exit codes: 0 ok (or too noisy to decide: warning), 1 regression or broken target, 2 usage or setup error.`;

const OPTIONS = {
  dir: { type: 'string', default: '.' },
  out: { type: 'string', default: '.hotpath/bench' },
  rounds: { type: 'string' },
  time: { type: 'string' },
  smoke: { type: 'boolean', default: false },
  budget: { type: 'string' },
  statistic: { type: 'string', default: 'median' },
  threshold: { type: 'string', default: '0.05' },
  alpha: { type: 'string', default: '0.05' },
  seed: { type: 'string' },
  base: { type: 'string' },
  'base-dir': { type: 'string' },
  'noise-limit': { type: 'string' },
  probe: { type: 'boolean', default: true },
  confirm: { type: 'boolean', default: true },
  install: { type: 'boolean', default: true },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

interface Range {
  readonly min: number;
  readonly max?: number;
  readonly integer?: boolean;
}

function numberOption(name: string, text: string | undefined, range: Range): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  const ok =
    text.trim() !== '' &&
    Number.isFinite(value) &&
    value >= range.min &&
    value <= (range.max ?? Number.POSITIVE_INFINITY) &&
    (!range.integer || Number.isInteger(value));
  if (!ok) {
    const kind = range.integer ? 'an integer' : 'a number';
    const upper = range.max === undefined ? '' : ` and ≤ ${range.max}`;
    throw new BenchUsageError(`--${name} must be ${kind} ≥ ${range.min}${upper}, got "${text}".`);
  }
  return value;
}

function parse(
  argv: readonly string[],
): ReturnType<
  typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; allowNegative: true }>
> {
  try {
    return parseArgs({
      args: [...argv],
      options: OPTIONS,
      allowPositionals: true,
      allowNegative: true,
    });
  } catch (error) {
    throw new BenchUsageError((error as Error).message.replace(/\.?$/, '.'));
  }
}

function commandOf(positionals: string[], help: boolean): [CliArgs['command'], string[]] {
  const [first, ...rest] = positionals;
  if (help || first === 'help') return ['help', []];
  if (first === 'compare' || first === 'run') return [first, rest];
  return ['run', positionals];
}

function statisticOf(text: string): Statistic {
  if (text !== 'median' && text !== 'mean') {
    throw new BenchUsageError(`--statistic must be "median" or "mean", got "${text}".`);
  }
  return text;
}

/** Parses `hotpath-bench` arguments; throws {@link BenchUsageError} on anything wrong. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const { values, positionals } = parse(argv);
  const [command, words] = commandOf(positionals, values.help);
  const compare = command === 'compare';
  if (compare && values.base === undefined && values['base-dir'] === undefined) {
    throw new BenchUsageError(
      'compare needs the base revision: pass --base <git ref> (for example --base origin/main).',
    );
  }
  if (!compare && (values.base !== undefined || values['base-dir'] !== undefined)) {
    throw new BenchUsageError('--base and --base-dir only apply to `hotpath-bench compare`.');
  }
  const defaults = values.smoke ? [2, 30] : compare ? [30, 40] : [10, 100];
  return {
    command,
    words,
    dir: values.dir,
    out: values.out,
    rounds: numberOption('rounds', values.rounds, { min: 2, integer: true }) ?? defaults[0]!,
    timeMs: numberOption('time', values.time, { min: 1 }) ?? defaults[1]!,
    statistic: statisticOf(values.statistic),
    threshold: numberOption('threshold', values.threshold, { min: 0, max: 10 })!,
    alpha: numberOption('alpha', values.alpha, { min: 1e-6, max: 0.5 })!,
    seed: numberOption('seed', values.seed, { min: 0, max: 2 ** 31, integer: true }),
    budgetMs: mapDefined(numberOption('budget', values.budget, { min: 1 }), (s) => s * 1000),
    base: values.base,
    baseDir: values['base-dir'],
    noiseLimit: numberOption('noise-limit', values['noise-limit'], { min: 0 }),
    probe: values.probe,
    confirm: values.confirm,
    install: values.install,
  };
}

function mapDefined<T, R>(value: T | undefined, map: (value: T) => R): R | undefined {
  return value === undefined ? undefined : map(value);
}
