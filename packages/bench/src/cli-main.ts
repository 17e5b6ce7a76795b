import { appendFileSync, existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { HotpathError } from '@hotpath/protocol';
import { type CompareReport, compareScenarios, type ScenarioPair } from './compare.ts';
import { discoverBenchFiles, loadScenarios } from './discover.ts';
import { BenchArgumentError } from './errors.ts';
import { type BaseCheckout, checkoutBase } from './git-worktree.ts';
import { type CliArgs, HELP, parseCliArgs } from './internal/cli-args.ts';
import { writeReports } from './internal/cli-output.ts';
import { createProgress, type ProgressStream } from './progress.ts';
import { compareChartSvg, suiteChartSvg } from './report/chart.ts';
import {
  compareHeadline,
  formatCompareMarkdown,
  formatCompareTable,
} from './report/compare-report.ts';
import { formatSuiteMarkdown, formatSuiteTable } from './report/suite-report.ts';
import { type LoadedScenario, runSuite } from './run-suite.ts';
import type { Scenario } from './scenario.ts';

/** Where {@link runCli} reads and writes. */
export interface CliIo {
  /** Tables and results. */
  readonly stdout: ProgressStream;
  /** Progress, warnings and errors. */
  readonly stderr: ProgressStream;
  /** Folder that relative paths are resolved against. @default process.cwd() */
  readonly cwd?: string;
  /** Environment, for the GitHub Actions warning annotation. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Aborts the run. */
  readonly signal?: AbortSignal;
}

function settingsOf(args: CliArgs, io: CliIo): Parameters<typeof runSuite>[1] {
  return {
    rounds: args.rounds,
    ...(args.budgetMs === undefined ? {} : { budgetMs: args.budgetMs }),
    timeMs: args.timeMs,
    statistic: args.statistic,
    threshold: args.threshold,
    alpha: args.alpha,
    progress: createProgress(io.stderr),
    ...(args.seed === undefined ? {} : { seed: args.seed }),
    ...(io.signal ? { signal: io.signal } : {}),
  };
}

async function loadAll(files: readonly string[], root: string): Promise<LoadedScenario[]> {
  const loaded: LoadedScenario[] = [];
  for (const file of files) {
    for (const scenario of await loadScenarios(file))
      loaded.push({ scenario, file: relative(root, file) });
  }
  return loaded;
}

async function runCommand(args: CliArgs, io: CliIo, cwd: string): Promise<number> {
  const scenarios = await loadAll(discoverBenchFiles(resolve(cwd, args.dir), args.words), cwd);
  const report = await runSuite(scenarios, settingsOf(args, io));
  io.stdout.write(`${formatSuiteTable(report)}\n`);
  const name = args.rounds === 2 && args.timeMs === 30 ? 'smoke' : 'run';
  const markdown = formatSuiteMarkdown(report);
  appendStepSummary(markdown, io);
  const paths = writeReports(resolve(cwd, args.out), name, {
    json: report,
    markdown,
    svg: suiteChartSvg(report),
  });
  io.stdout.write(`reports: ${paths.join(', ')}\n`);
  if (report.broken === 0) return 0;
  io.stderr.write(
    `${report.broken} peer-ratio target(s) broken: make the hotpath task faster, or lower the scenario's target if the promise was wrong.\n`,
  );
  return 1;
}

async function prepareBase(args: CliArgs, io: CliIo, cwd: string): Promise<BaseCheckout> {
  if (args.baseDir !== undefined) {
    const close = async (): Promise<void> => {};
    return {
      headRoot: cwd,
      dir: resolve(cwd, args.baseDir),
      commit: 'base-dir',
      close,
      [Symbol.asyncDispose]: close,
    };
  }
  const log = (line: string): void => void io.stderr.write(`${line}\n`);
  return checkoutBase({
    repo: cwd,
    ref: args.base!,
    install: args.install,
    log,
    ...(io.signal ? { signal: io.signal } : {}),
  });
}

function byName(scenarios: readonly Scenario[]): Map<string, Scenario> {
  return new Map(scenarios.map((scenario) => [scenario.name, scenario]));
}

async function pairFiles(
  files: readonly string[],
  base: BaseCheckout,
  io: CliIo,
): Promise<ScenarioPair[]> {
  const pairs: ScenarioPair[] = [];
  for (const file of files) {
    const rel = relative(base.headRoot, file);
    const baseFile = join(base.dir, rel);
    const baseScenarios = existsSync(baseFile)
      ? byName(await loadScenarios(baseFile))
      : new Map<string, Scenario>();
    for (const head of await loadScenarios(file)) {
      const match = baseScenarios.get(head.name);
      if (match) pairs.push({ name: head.name, base: match, head, file: rel });
      else io.stderr.write(`new scenario without a base (not compared): ${head.name} (${rel})\n`);
    }
  }
  return pairs;
}

function appendStepSummary(markdown: string, io: CliIo): void {
  const summary = (io.env ?? process.env).GITHUB_STEP_SUMMARY;
  if (summary) appendFileSync(summary, `${markdown}\n`);
}

function warnTooNoisy(report: CompareReport, io: CliIo): void {
  if (report.status !== 'too-noisy') return;
  io.stderr.write(`${compareHeadline(report)}\n`);
  if ((io.env ?? process.env).GITHUB_ACTIONS)
    io.stdout.write(`::warning::${compareHeadline(report)}\n`);
}

async function compareCommand(args: CliArgs, io: CliIo, cwd: string): Promise<number> {
  const files = discoverBenchFiles(resolve(cwd, args.dir), args.words);
  await using base = await prepareBase(args, io, cwd);
  const pairs = await pairFiles(files, base, io);
  const report = await compareScenarios(pairs, {
    ...settingsOf(args, io),
    probe: args.probe,
    confirm: args.confirm,
    ...(args.noiseLimit === undefined ? {} : { noiseLimit: args.noiseLimit }),
  });
  io.stdout.write(`${formatCompareTable(report)}\n`);
  const markdown = formatCompareMarkdown(report);
  appendStepSummary(markdown, io);
  const paths = writeReports(resolve(cwd, args.out), 'compare', {
    json: report,
    markdown,
    svg: compareChartSvg(report),
  });
  io.stdout.write(`reports: ${paths.join(', ')}\n`);
  warnTooNoisy(report, io);
  return report.status === 'regression' ? 1 : 0;
}

function describe(error: unknown): string {
  if (error instanceof HotpathError || error instanceof BenchArgumentError) {
    const cause =
      error.cause instanceof Error && !error.message.includes(error.cause.message)
        ? `\n  cause: ${error.cause.message}`
        : '';
    return `error ${error.code}: ${error.message}${cause}`;
  }
  return `unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}

/**
 * The `hotpath-bench` command, callable in-process: parses `argv` (without the node
 * and script paths), runs, writes reports, and resolves to the exit code: 0 ok (or too
 * noisy to decide, with a warning), 1 regression or broken target, 2 usage or setup error.
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
      return 0;
    }
    return await (args.command === 'compare' ? compareCommand : runCommand)(args, io, cwd);
  } catch (error) {
    io.stderr.write(`${describe(error)}\n`);
    return 2;
  }
}
