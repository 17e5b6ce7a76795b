// First import: on a Node.js older than @hotpath/protocol's MIN_NODE_VERSION this throws
// UnsupportedNodeError (naming that version) before anything newer loads; cli.ts turns it into exit 2.
import '@hotpath/protocol/assert-node';
import { appendFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { HotpathError } from '@hotpath/protocol';
import type { CompareReport } from './compare.ts';
import { compareTrees } from './compare-trees.ts';
import { discoverBenchFiles } from './discover.ts';
import { BenchArgumentError, BenchUsageError } from './errors.ts';
import { type BaseCheckout, checkoutBase } from './git-worktree.ts';
import { type CliArgs, EXIT, HELP, parseCliArgs } from './internal/cli-args.ts';
import { writeReports } from './internal/cli-output.ts';
import { measureRun } from './internal/processes.ts';
import { createProgress, type ProgressStream } from './progress.ts';
import { compareChartSvg, suiteChartSvg } from './report/chart.ts';
import {
  compareHeadline,
  formatCompareMarkdown,
  formatCompareTable,
} from './report/compare-report.ts';
import { formatSuiteMarkdown, formatSuiteTable } from './report/suite-report.ts';
import { analyzeRun } from './run-suite.ts';
import { resolveSettings } from './settings.ts';

/** Where {@link runCli} reads and writes. */
export interface CliIo {
  /** Tables and results. */
  readonly stdout: ProgressStream;
  /** Progress, the base checkout's steps, what scenarios print, warnings and errors. */
  readonly stderr: ProgressStream;
  /** Folder that relative paths are resolved against. @default process.cwd() */
  readonly cwd?: string;
  /** Environment: GitHub Actions detection, the measuring processes, the base install. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Aborts the run: measuring processes are killed and the base worktree removed. */
  readonly signal?: AbortSignal;
}

interface Context {
  readonly args: CliArgs;
  readonly io: CliIo;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

function settingsOf({ args, io }: Context) {
  return resolveSettings({
    rounds: args.rounds,
    timeMs: args.timeMs,
    statistic: args.statistic,
    threshold: args.threshold,
    alpha: args.alpha,
    minRounds: args.minRounds,
    progress: createProgress(io.stderr),
    ...(args.budgetMs === undefined ? {} : { budgetMs: args.budgetMs }),
    ...(args.seed === undefined ? {} : { seed: args.seed }),
    ...(io.signal ? { signal: io.signal } : {}),
  });
}

function benchFiles({ args, cwd }: Context) {
  return discoverBenchFiles(resolve(cwd, args.dir), args.words).map((head) => ({
    rel: relative(cwd, head),
    head,
  }));
}

function appendStepSummary(markdown: string, env: NodeJS.ProcessEnv): void {
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, `${markdown}\n`);
}

function noTaskMatched(context: Context, empty: boolean): void {
  if (empty && context.args.tasks.length > 0) {
    throw new BenchUsageError(
      `--task ${context.args.tasks.map((t) => `"${t}"`).join(', ')} matched no task of the scenarios found.`,
    );
  }
}

async function runCommand(context: Context): Promise<number> {
  const { args, io, cwd, env } = context;
  const settings = settingsOf(context);
  const { measured } = await measureRun(benchFiles(context), {
    ...settings,
    processes: args.processes,
    select: args.tasks,
    cwd,
    env,
    output: (text) => void io.stderr.write(text),
  });
  const report = analyzeRun(measured, settings);
  noTaskMatched(context, report.scenarios.length === 0);
  io.stdout.write(`${formatSuiteTable(report)}\n`);
  const markdown = formatSuiteMarkdown(report);
  appendStepSummary(markdown, env);
  const name = args.rounds === 2 && args.timeMs === 30 ? 'smoke' : 'run';
  const svg = suiteChartSvg(report);
  const paths = writeReports(resolve(cwd, args.out), name, { json: report, markdown, svg });
  io.stdout.write(`reports: ${paths.join(', ')}\n`);
  if (report.broken === 0) return EXIT.ok;
  io.stderr.write(
    `${report.broken} target(s) broken: make the task faster, or lower the target if the promise was wrong.\n`,
  );
  return EXIT.regression;
}

async function prepareBase({ args, io, cwd, env }: Context): Promise<BaseCheckout> {
  if (args.baseDir !== undefined) {
    const close = async (): Promise<void> => {};
    const dir = resolve(cwd, args.baseDir);
    return {
      headRoot: cwd,
      dir,
      ref: dir,
      commit: 'base-dir',
      close,
      [Symbol.asyncDispose]: close,
    };
  }
  return checkoutBase({
    repo: cwd,
    ref: args.base!,
    install: args.install,
    fetch: args.fetch,
    env,
    log: (line) => void io.stderr.write(`${line}\n`),
    ...(io.signal ? { signal: io.signal } : {}),
  });
}

/** The too-noisy warning, once: as a GitHub Actions annotation there, on stderr elsewhere. */
function warnTooNoisy(report: CompareReport, { io, env }: Context): void {
  if (env.GITHUB_ACTIONS === 'true') io.stdout.write(`::warning::${compareHeadline(report)}\n`);
  else io.stderr.write(`warning: ${compareHeadline(report)}\n`);
}

function exitCodeOf(report: CompareReport, args: CliArgs): number {
  if (report.status === 'regression') return EXIT.regression;
  return report.status === 'too-noisy' && args.failOnNoise ? EXIT.tooNoisy : EXIT.ok;
}

function writeCompare(report: CompareReport, context: Context): void {
  const { io, cwd, args, env } = context;
  const markdown = formatCompareMarkdown(report);
  appendStepSummary(markdown, env);
  const svg = compareChartSvg(report);
  const paths = writeReports(resolve(cwd, args.out), 'compare', { json: report, markdown, svg });
  // The headline ends the output; when too noisy it is the warning, printed once by warnTooNoisy.
  const table = formatCompareTable(report);
  const body = table.slice(0, table.lastIndexOf('\n'));
  io.stdout.write(`${body}\nreports: ${paths.join(', ')}\n`);
  if (report.status === 'too-noisy') warnTooNoisy(report, context);
  else io.stdout.write(`${compareHeadline(report)}\n`);
}

async function compareCommand(context: Context): Promise<number> {
  const { args, io, cwd, env } = context;
  const files = benchFiles(context);
  const base = await prepareBase(context);
  try {
    const { budgetMs, signal, ...settings } = settingsOf(context);
    const measured = await compareTrees({
      ...settings,
      ...(budgetMs === undefined ? {} : { budgetMs }),
      ...(signal === undefined ? {} : { signal }),
      head: base.headRoot,
      base: base.dir,
      files: files.map((f) => f.head),
      processes: args.processes,
      tasks: args.tasks,
      ...(args.noiseLimit === undefined ? {} : { noiseLimit: args.noiseLimit }),
      output: (text) => void io.stderr.write(text),
      env,
    });
    noTaskMatched(context, measured.benchmarks.length === 0 && measured.added.length === 0);
    const report = { ...measured, base: { ref: base.ref, commit: base.commit } };
    writeCompare(report, { ...context, cwd });
    return exitCodeOf(report, args);
  } finally {
    await base.close();
  }
}

function describe(error: unknown): string {
  if (error instanceof HotpathError || error instanceof BenchArgumentError) {
    const cause =
      error.cause instanceof Error && !error.message.includes(error.cause.message)
        ? `\n  cause: ${error.cause.stack ?? error.cause.message}`
        : '';
    return `error ${error.code}: ${error.message}${cause}`;
  }
  return `unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}

/**
 * The `hotpath-bench` command, callable in-process: parses `argv` (without the node
 * and script paths), runs, writes reports, and resolves to the exit code: 0 ok (or too
 * noisy to decide, with one warning), 1 regression or broken target, 2 usage or setup
 * error, 3 too noisy with `--fail-on-noise`, 130 aborted.
 *
 * @example
 * ```ts
 * process.exitCode = await runCli(['compare', '--base', 'origin/main', '--dir', 'benchmarks'], {
 *   stdout: process.stdout,
 *   stderr: process.stderr,
 * });
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  try {
    const args = parseCliArgs(argv);
    if (args.command === 'help') {
      io.stdout.write(`${HELP}\n`);
      return EXIT.ok;
    }
    const context = { args, io, cwd, env: io.env ?? process.env };
    return await (args.command === 'compare' ? compareCommand : runCommand)(context);
  } catch (error) {
    if (io.signal?.aborted) {
      io.stderr.write('interrupted: measuring stopped, the base checkout was removed.\n');
      return EXIT.interrupted;
    }
    io.stderr.write(`${describe(error)}\n`);
    return EXIT.usage;
  }
}
