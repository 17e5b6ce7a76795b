import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CacheSavings } from '@hotpath/plugin-cache';
import { checkKnownKeys, type KnownKeys, knownKeys } from '@hotpath/protocol';
import type { SimulatorOptions } from '@hotpath/simulator';
import type { OutputStream } from '../command.ts';
import { CliArgumentError, DemoUpstreamError } from '../errors.ts';
import { type DemoPrice, type HotpathRig, startHotpath, WARM_UP_PROMPT } from './hotpath-mode.ts';
import {
  allFigures,
  type ModeFigures,
  type StartupFigures,
  savedBetween,
  startupFigures,
} from './measure.ts';
import { type DemoFile, filePrompt, type ModeName, type ModeRun } from './mode-run.ts';
import { defaultDemoDir, pickFiles } from './pick-files.ts';
import { createDemoProgress, type DemoProgress } from './progress-bar.ts';
import {
  askTogetherPlain,
  runSequential,
  type SameQuestion,
  warmUpSequential,
} from './sequential.ts';
import { selectUpstream, type Upstream } from './upstream.ts';

/** The question asked about every file. */
export const DEMO_PROMPT = 'Summarise what this source file does in one short sentence.';

/** The question several callers ask at once, about the first file, to show in-flight deduplication. */
export const SAME_QUESTION_PROMPT = 'List the names this source file exports, comma-separated.';

/** Price of the demo's tokens when none is given: gpt-4o-mini's list price, USD per million. */
export const DEMO_PRICE: DemoPrice = Object.freeze({
  inputPerMillion: 0.15,
  outputPerMillion: 0.6,
});

/** Options of {@link runDemo}. */
export interface DemoOptions {
  /** How many source files to analyse. @default 10 */
  readonly files?: number;
  /** The folder to take them from. @default this repository's `packages/`, else the working directory */
  readonly dir?: string;
  /** Files analysed at once by the hotpath runs. @default 8 */
  readonly concurrency?: number;
  /** How many callers ask the same question at once (the deduplication row). @default 5 */
  readonly callers?: number;
  /** The question asked about each file. @default DEMO_PROMPT */
  readonly prompt?: string;
  /** Token prices for the money figures. @default DEMO_PRICE */
  readonly price?: DemoPrice;
  /** `HOTPATH_BASE_URL`, `HOTPATH_API_KEY`, `HOTPATH_MODEL`, `HOTPATH_PROVIDER`. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Overrides of the embedded simulator's settings (`ttftMs`, `tokensPerSecond` …). */
  readonly simulator?: SimulatorOptions;
  /** Where the progress bar goes (stderr in the CLI); none when omitted. */
  readonly progress?: OutputStream;
  /** Folder `dir` is resolved against. @default process.cwd() */
  readonly cwd?: string;
  /** Aborts the run; it rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

const DEMO_OPTIONS: KnownKeys = knownKeys<DemoOptions>({
  files: true,
  dir: true,
  concurrency: true,
  callers: true,
  prompt: true,
  price: true,
  env: true,
  simulator: true,
  progress: true,
  cwd: true,
  signal: true,
});

/** Everything the demo measured: what the table, the HTML report and `--json` show. */
export interface DemoResult {
  readonly upstream: {
    readonly provider: Upstream['provider'];
    readonly baseURL: string;
    readonly model: string;
    readonly embedded: boolean;
    readonly label: string;
  };
  readonly dir: string;
  /** The analysed files, in order. */
  readonly files: readonly string[];
  readonly concurrency: number;
  readonly price: DemoPrice;
  /** Per-file timings of each mode. */
  readonly runs: Readonly<Record<ModeName, ModeRun>>;
  readonly figures: Readonly<Record<ModeName, ModeFigures>>;
  readonly startup: StartupFigures;
  /** What the cache plugin's savings report credits to the warm run. */
  readonly saved: CacheSavings;
  /**
   * After the warm run, the first file's question asked once more through the host: the time
   * `host.complete` took to answer it from the cache, in ms.
   */
  readonly cachedResponseMs: number;
  /**
   * `callers` identical questions asked at once: with plain calls after the sequential run
   * (each goes upstream), and through the host after the cold run (joined to one call).
   */
  readonly sameQuestion: {
    readonly callers: number;
    readonly sequential: SameQuestion;
    readonly hotpath: SameQuestion;
  };
}

function checkInteger(name: string, value: number | undefined, max: number): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new CliArgumentError(`options.${name}`, `an integer from 1 to ${max}`, value);
  }
}

interface Question {
  readonly content: string;
  readonly callers: number;
}

async function sameQuestion(
  file: DemoFile,
  callers: number,
  signal: AbortSignal,
): Promise<Question> {
  const text = await readFile(file.absolute, { encoding: 'utf8', signal });
  return { content: filePrompt(SAME_QUESTION_PROMPT, file.path, text), callers };
}

async function hotpathRuns(
  rig: HotpathRig,
  files: readonly DemoFile[],
  prompt: string,
  question: Question,
  progress: DemoProgress,
) {
  progress.phase('cold', 'hotpath: parallel, pooled, deduplicated, token-budgeted');
  const cold = await rig.run('cold', files, prompt);
  const together = await rig.askTogether(question.content, question.callers);
  const before = rig.savings();
  progress.phase('warm', 'hotpath again: answered from the cache');
  const warm = await rig.run('warm', files, prompt);
  const saved = savedBetween(before, rig.savings());
  const cachedResponseMs = await rig.askAgain(files[0] as DemoFile, prompt);
  return { cold, warm, saved, cachedResponseMs, together };
}

async function sequentialRun(
  upstream: Upstream,
  files: readonly DemoFile[],
  prompt: string,
  progress: DemoProgress,
  signal: AbortSignal,
) {
  progress.phase('sequential', 'one file after the other, new connection per call, no cache');
  const warmupMs = await warmUpSequential(upstream, WARM_UP_PROMPT, signal).catch(
    (error: unknown) => {
      throw signal.aborted
        ? signal.reason
        : new DemoUpstreamError(upstream.label, { cause: error });
    },
  );
  const run = await runSequential(upstream, files, prompt, progress.file.bind(progress), signal);
  return { warmupMs, run };
}

async function measure(
  upstream: Upstream,
  files: readonly DemoFile[],
  options: DemoOptions,
  progress: DemoProgress,
  signal: AbortSignal,
) {
  const prompt = options.prompt ?? DEMO_PROMPT;
  const price = options.price ?? DEMO_PRICE;
  const concurrency = options.concurrency ?? 8;
  const question = await sameQuestion(files[0] as DemoFile, options.callers ?? 5, signal);
  const sequential = await sequentialRun(upstream, files, prompt, progress, signal);
  const plain = await askTogetherPlain(upstream, question.content, question.callers, signal);
  const settings = { concurrency, price };
  // try/finally rather than `await using`: the source runs as-is on Node 22, which lacks it.
  const rig = await startHotpath(upstream, settings, progress.file.bind(progress), signal);
  let hotpath: Awaited<ReturnType<typeof hotpathRuns>>;
  try {
    hotpath = await hotpathRuns(rig, files, prompt, question, progress);
  } finally {
    await rig[Symbol.asyncDispose]();
  }
  const runs = { sequential: sequential.run, cold: hotpath.cold, warm: hotpath.warm };
  return {
    runs,
    figures: allFigures(runs, price),
    startup: startupFigures(rig.boot, rig.warmupMs, sequential.warmupMs),
    saved: hotpath.saved,
    cachedResponseMs: hotpath.cachedResponseMs,
    sameQuestion: { callers: question.callers, sequential: plain, hotpath: hotpath.together },
  };
}

/**
 * Runs the before/after demo: picks `files` source files of `dir`, and has an LLM summarise
 * each one three ways: sequentially with a new connection per call and no cache (before),
 * through the hotpath host cold (parallel, pooled, deduplicated, token-budgeted, rate-limited),
 * and the same again warm (cached). The upstream is the embedded `@hotpath/simulator` unless
 * `HOTPATH_BASE_URL` names a real one.
 *
 * @example
 * ```ts
 * const result = await runDemo({ files: 5, progress: process.stderr });
 * console.log(renderDemoTable(result));
 * ```
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  checkKnownKeys(options, DEMO_OPTIONS, 'options', (m) => new CliArgumentError(m));
  checkInteger('files', options.files, 1000);
  checkInteger('concurrency', options.concurrency, 256);
  checkInteger('callers', options.callers, 100);
  const cwd = options.cwd ?? process.cwd();
  const dir = resolve(cwd, options.dir ?? defaultDemoDir(cwd));
  const files = await pickFiles(dir, options.files ?? 10);
  const signal = options.signal ?? new AbortController().signal;
  const progress = createDemoProgress(options.progress, files.length * 3);
  const upstream = await selectUpstream(options.env ?? process.env, options.simulator);
  try {
    const measured = await measure(upstream, files, options, progress, signal);
    const { provider, baseURL, model, embedded, label } = upstream;
    return {
      upstream: { provider, baseURL, model, embedded, label },
      dir,
      files: files.map((file) => file.path),
      concurrency: options.concurrency ?? 8,
      price: options.price ?? DEMO_PRICE,
      ...measured,
    };
  } finally {
    progress.end();
    await upstream[Symbol.asyncDispose]();
  }
}
