import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  analyzeFiles,
  type BootReport,
  createHost,
  type FilesAnalysis,
  type Host,
} from '@hotpath/host';
import { anthropicPlugin } from '@hotpath/plugin-anthropic';
import { type CacheSavings, cachePlugin } from '@hotpath/plugin-cache';
import { openaiPlugin } from '@hotpath/plugin-openai';
import { type RateLimitPlugin, rateLimitPlugin } from '@hotpath/plugin-rate-limit';
import { tokenBudgetPlugin } from '@hotpath/plugin-token-budget';
import type { CallLocals, Plugin, RateLimitInfo } from '@hotpath/protocol';
import {
  type DemoFile,
  errorText,
  type FileDone,
  type FileRun,
  filePrompt,
  type ModeRun,
  memoryNow,
  stopwatch,
} from './mode-run.ts';
import type { SameQuestion } from './sequential.ts';
import type { Upstream } from './upstream.ts';

/** The warm-up call's question: short, so it costs next to nothing on a real upstream. */
export const WARM_UP_PROMPT = 'Reply with the single word OK.';

/** USD per million tokens, used for the money the cache saved. */
export interface DemoPrice {
  readonly inputPerMillion: number;
  readonly outputPerMillion: number;
}

/** Settings of the hotpath side of the demo. */
export interface HotpathSettings {
  /** Files analysed at once. */
  readonly concurrency: number;
  readonly price: DemoPrice;
}

/** A booted host with the demo's plugins, ready to analyse the files cold and then warm. */
export interface HotpathRig extends AsyncDisposable {
  readonly boot: BootReport;
  /** Time of the warm-up call made right after boot, in ms. */
  readonly warmupMs: number;
  run(mode: 'cold' | 'warm', files: readonly DemoFile[], prompt: string): Promise<ModeRun>;
  /**
   * Asks the question about `file` once more, exactly as `analyzeFiles` asked it, and resolves
   * with the time `host.complete` took (the file is read before the clock starts).
   */
  askAgain(file: DemoFile, prompt: string): Promise<number>;
  /**
   * `callers` identical questions at once through the host; the cache plugin joins them to
   * one upstream call. Resolves with the time and the upstream calls they caused.
   */
  askTogether(content: string, callers: number): Promise<SameQuestion>;
  /** The cache plugin's savings report so far. */
  savings(): CacheSavings;
  close(): Promise<void>;
}

function providerPlugin(upstream: Upstream, rateLimit: RateLimitPlugin): Plugin {
  const common = {
    baseURL: upstream.baseURL,
    // The provider follows the upstream's rate-limit headers through the rate-limit plugin.
    onRateLimit: (info: RateLimitInfo) => void rateLimit.service.update(info),
    ...(upstream.apiKey === undefined ? {} : { apiKey: upstream.apiKey }),
  };
  return upstream.provider === 'anthropic' ? anthropicPlugin(common) : openaiPlugin(common);
}

function plugins(upstream: Upstream, settings: HotpathSettings, dir: string) {
  const rateLimit = rateLimitPlugin({
    limits: [
      { name: 'rpm', unit: 'requests', limit: 500 },
      { name: 'tpm', unit: 'tokens', limit: 2_000_000 },
    ],
  });
  const cache = cachePlugin({
    sqlitePath: join(dir, 'cache.sqlite'),
    // analyzeFiles asks without a temperature; a file that has not changed gets the same summary.
    determinism: { force: true },
    prices: { [upstream.model]: settings.price },
  });
  return [cache, rateLimit, tokenBudgetPlugin(), providerPlugin(upstream, rateLimit)];
}

/** How the cache plugin answered a call, from the typed locals the call left; `none` without one. */
function cacheOf(locals: CallLocals): FileRun['cache'] {
  return locals.cache ?? 'none';
}

/** The calls the cache sent upstream: its misses (a hit or a shared call made no request of its own). */
function upstreamOf(locals: readonly CallLocals[]): number {
  return locals.filter((l) => l.cache === 'miss').length;
}

function fileRuns(result: FilesAnalysis, starts: ReadonlyMap<string, number>): FileRun[] {
  return result.files.map((file) => {
    const startMs = starts.get(file.path) ?? 0;
    const base = {
      path: file.path,
      startMs,
      endMs: startMs + file.ms,
      cache: cacheOf(file.locals),
      inputTokens: file.usage?.inputTokens ?? 0,
      outputTokens: file.usage?.outputTokens ?? 0,
    };
    return file.error === undefined ? base : { ...base, error: errorText(file.error) };
  });
}

interface RunContext {
  readonly upstream: Upstream;
  readonly settings: HotpathSettings;
  readonly signal: AbortSignal;
  readonly onFile: FileDone;
}

async function runMode(
  host: Host,
  context: RunContext,
  mode: 'cold' | 'warm',
  files: readonly DemoFile[],
  prompt: string,
): Promise<ModeRun> {
  const absolute = new Map(files.map((file) => [file.path, file.absolute]));
  const starts = new Map<string, number>();
  const elapsed = stopwatch();
  const result = await analyzeFiles(
    host,
    files.map((file) => file.path),
    prompt,
    {
      model: context.upstream.model,
      concurrency: context.settings.concurrency,
      signal: context.signal,
      readFile: (path, { signal }) => {
        starts.set(path, elapsed());
        return readFile(absolute.get(path) ?? path, { encoding: 'utf8', signal });
      },
      onFile: (file) => context.onFile(mode, file.path),
    },
  );
  return {
    mode,
    totalMs: result.ms,
    files: fileRuns(result, starts),
    upstreamRequests: upstreamOf(result.files.map((file) => file.locals)),
    memory: memoryNow(),
  };
}

/**
 * One short call through the whole pipeline right after boot. The first call in a process pays
 * one-time costs (the tokenizer tables load, code is compiled, the pool connects); a long-running
 * app pays them at start-up, so the demo counts them there instead of in the first file.
 */
async function warmUp(host: Host, model: string, signal: AbortSignal): Promise<number> {
  const elapsed = stopwatch();
  await host.complete({ model, messages: [{ role: 'user', content: WARM_UP_PROMPT }] }, { signal });
  return elapsed();
}

async function askAgain(
  host: Host,
  model: string,
  file: DemoFile,
  prompt: string,
  signal: AbortSignal,
): Promise<number> {
  const text = await readFile(file.absolute, { encoding: 'utf8', signal });
  const content = filePrompt(prompt, file.path, text);
  const elapsed = stopwatch();
  await host.complete({ model, messages: [{ role: 'user', content }] }, { signal });
  return elapsed();
}

async function askTogether(
  host: Host,
  context: { upstream: Upstream; signal: AbortSignal },
  content: string,
  callers: number,
): Promise<SameQuestion> {
  const request = { model: context.upstream.model, messages: [{ role: 'user' as const, content }] };
  const locals: CallLocals[] = Array.from({ length: callers }, () => ({}));
  const elapsed = stopwatch();
  await Promise.all(
    locals.map((own) => host.complete(request, { signal: context.signal, locals: own })),
  );
  return { ms: elapsed(), upstreamRequests: upstreamOf(locals) };
}

/**
 * Boots a host with the OpenAI-compatible (or Anthropic) provider (pooled keep-alive
 * connections), the cache plugin (a fresh SQLite L2 in a temporary folder, so the first run is
 * really cold), rate limits and token budgets. What each call did (which file it was about, how the
 * cache answered it) comes back in the typed per-call locals of its own call.
 */
export async function startHotpath(
  upstream: Upstream,
  settings: HotpathSettings,
  onFile: FileDone,
  signal: AbortSignal,
): Promise<HotpathRig> {
  const dir = await mkdtemp(join(tmpdir(), 'hotpath-demo-'));
  const host = createHost({ plugins: plugins(upstream, settings, dir) });
  const close = async (): Promise<void> => {
    try {
      await host.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
  const boot = await host.ready().catch(async (error: unknown) => {
    await close();
    throw error;
  });
  // Only calls of a run count as progress (not the warm-up, nor a question asked again).
  const context = { upstream, settings, signal, onFile };
  const warmupMs = await warmUp(host, upstream.model, signal).catch(async (error: unknown) => {
    await close();
    throw error;
  });
  return {
    boot,
    warmupMs,
    run: (mode, files, prompt) => runMode(host, context, mode, files, prompt),
    askAgain: (file, prompt) => askAgain(host, upstream.model, file, prompt, signal),
    askTogether: (content, callers) => askTogether(host, context, content, callers),
    savings: () => host.service('cache').savings(),
    close,
    [Symbol.asyncDispose]: close,
  };
}
