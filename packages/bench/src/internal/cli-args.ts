import { parseArgs } from 'node:util';
import { COMPARE_DEFAULTS } from '../compare-trees.ts';
import { BenchUsageError } from '../errors.ts';
import type { Statistic } from './measure.ts';

/** Parsed and checked command line. */
export interface CliArgs {
  readonly command: 'run' | 'compare' | 'help';
  readonly words: readonly string[];
  readonly dir: string;
  readonly out: string;
  readonly processes: number;
  readonly rounds: number;
  readonly timeMs: number;
  readonly minRounds: number;
  readonly statistic: Statistic;
  readonly threshold: number;
  readonly alpha: number;
  readonly seed: number | undefined;
  readonly budgetMs: number | undefined;
  readonly tasks: readonly string[];
  readonly base: string | undefined;
  readonly baseDir: string | undefined;
  readonly noiseLimit: number | undefined;
  readonly failOnNoise: boolean;
  /** `true`: detect; a string: the user's command; `false`: `--no-install`. */
  readonly install: boolean | string;
  readonly fetch: boolean;
}

export { EXIT } from './exit-codes.ts';

/** Usage text of `hotpath-bench --help`. */
export const HELP: string = `hotpath-bench: benchmark runner and regression gate for *.bench.ts scenarios

Usage:
  hotpath-bench [run] [words...] [options]      run scenarios, check their targets
  hotpath-bench compare --base <ref> [words...]  compare the working tree with a base revision

Words keep only files whose path contains one of them.

Options:
  --dir <folder>        where to find *.bench.ts files (default: .)
  --out <folder>        where to write .json, .md and .svg reports (default: .hotpath/bench)
  --task <text>         only tasks whose "scenario › task" contains this (repeatable; default: all)
  --processes <n>       repetitions, each file in a fresh process (run, default 1), or base/head process pairs (compare, default ${COMPARE_DEFAULTS.processes})
  --rounds <n>          recorded rounds per process, after one warm-up round (default: run 10, compare ${COMPARE_DEFAULTS.rounds})
  --time <ms>           time per task (per side) per round (default: run 100, compare ${COMPARE_DEFAULTS.timeMs})
  --smoke               2 rounds × 30 ms in 1 process (compare: 2 pairs): checks that every task runs, judges nothing
  --budget <seconds>    stop rounds early so the measuring fits in this time
  --statistic <s>       per-round cost: median (default) or mean call
  --threshold <f>       practical threshold, a fraction (default: run 0.05, compare ${COMPARE_DEFAULTS.threshold})
  --alpha <f>           intervals are at confidence 1 − alpha; run: family-wise, Holm (default: 0.05)
  --seed <n>            seed of round order, process seeds and bootstrap (default: random, printed)
compare only:
  --base <ref>          base revision: branch, tag, commit, HEAD~1, origin/main (fetched if missing)
  --base-dir <folder>   a prepared (installed, built) base tree laid out like the current folder
  --install <command>   shell command that prepares the base checkout (default: detected from the lockfile)
  --no-install          do not install or build the base checkout
  --no-fetch            never git fetch the base
  --noise-limit <f>     a benchmark whose interval is wider than ±this is too noisy (default: threshold)
  --fail-on-noise       exit 3 instead of 0 when a benchmark is too noisy to decide

Exit codes: 0 ok (or too noisy to decide: one warning), 1 regression or broken target,
2 usage or setup error (also: unsupported Node.js), 3 too noisy with --fail-on-noise, 130 interrupted.`;

const OPTIONS = {
  dir: { type: 'string', default: '.' },
  out: { type: 'string', default: '.hotpath/bench' },
  task: { type: 'string', multiple: true },
  processes: { type: 'string' },
  rounds: { type: 'string' },
  time: { type: 'string' },
  smoke: { type: 'boolean', default: false },
  budget: { type: 'string' },
  statistic: { type: 'string', default: 'median' },
  threshold: { type: 'string' },
  alpha: { type: 'string', default: '0.05' },
  seed: { type: 'string' },
  base: { type: 'string' },
  'base-dir': { type: 'string' },
  install: { type: 'string' },
  'no-install': { type: 'boolean', default: false },
  'no-fetch': { type: 'boolean', default: false },
  'noise-limit': { type: 'string' },
  'fail-on-noise': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

type Values = ReturnType<typeof parse>['values'];

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

function parse(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true });
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

const COMPARE_ONLY = [
  'base',
  'base-dir',
  'install',
  'no-install',
  'no-fetch',
  'noise-limit',
  'fail-on-noise',
] as const;

function checkCommand(command: CliArgs['command'], values: Values): void {
  if (command === 'compare') {
    if (values.base === undefined && values['base-dir'] === undefined) {
      throw new BenchUsageError(
        'compare needs the base revision: pass --base <git ref> (for example --base origin/main).',
      );
    }
    if (values.install !== undefined && values['no-install']) {
      throw new BenchUsageError('--install and --no-install contradict each other: pass one.');
    }
    return;
  }
  const used = COMPARE_ONLY.filter((name) => values[name] !== undefined && values[name] !== false);
  if (command === 'run' && used.length > 0) {
    throw new BenchUsageError(`--${used[0]} only applies to \`hotpath-bench compare\`.`);
  }
}

/** Defaults per command: [processes, rounds, ms per round, fewest rounds judged, threshold]. */
function defaultsOf(
  compare: boolean,
  smoke: boolean,
): readonly [number, number, number, number, number] {
  const c = COMPARE_DEFAULTS;
  const threshold = compare ? c.threshold : 0.05;
  if (smoke) return [compare ? 2 : 1, 2, 30, compare ? c.minRounds : 6, threshold];
  return compare
    ? [c.processes, c.rounds, c.timeMs, c.minRounds, threshold]
    : [1, 10, 100, 6, threshold];
}

/** Parses `hotpath-bench` arguments; throws {@link BenchUsageError} on anything wrong. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const { values, positionals } = parse(argv);
  const [command, words] = commandOf(positionals, values.help);
  checkCommand(command, values);
  const compare = command === 'compare';
  const [processes, rounds, timeMs, minRounds, threshold] = defaultsOf(compare, values.smoke);
  const min = compare ? 2 : 1;
  return {
    command,
    words,
    dir: values.dir,
    out: values.out,
    processes:
      numberOption('processes', values.processes, { min, max: 1000, integer: true }) ?? processes,
    rounds: numberOption('rounds', values.rounds, { min: 2, integer: true }) ?? rounds,
    timeMs: numberOption('time', values.time, { min: 1 }) ?? timeMs,
    minRounds,
    statistic: statisticOf(values.statistic),
    threshold: numberOption('threshold', values.threshold, { min: 0, max: 10 }) ?? threshold,
    alpha: numberOption('alpha', values.alpha, { min: 1e-6, max: 0.5 })!,
    seed: numberOption('seed', values.seed, { min: 0, max: 2 ** 31, integer: true }),
    budgetMs: mapDefined(numberOption('budget', values.budget, { min: 1 }), (s) => s * 1000),
    tasks: values.task ?? [],
    base: values.base,
    baseDir: values['base-dir'],
    noiseLimit: numberOption('noise-limit', values['noise-limit'], { min: 0 }),
    failOnNoise: values['fail-on-noise'],
    install: values['no-install'] ? false : (values.install ?? true),
    fetch: !values['no-fetch'],
  };
}

function mapDefined<T, R>(value: T | undefined, map: (value: T) => R): R | undefined {
  return value === undefined ? undefined : map(value);
}
