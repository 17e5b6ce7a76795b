import { readFile } from 'node:fs/promises';
import { Agent, fetch, type RequestInit } from 'undici';
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
import type { Upstream } from './upstream.ts';

/** Anthropic requires `max_tokens`; the same value its hotpath provider sends by default. */
const ANTHROPIC_MAX_TOKENS = 4096;

interface Answer {
  readonly text: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
}

function request(upstream: Upstream, content: string): { url: string; init: RequestInit } {
  const messages = [{ role: 'user', content }];
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const key = upstream.apiKey;
  if (upstream.provider === 'anthropic') {
    if (key) headers['x-api-key'] = key;
    headers['anthropic-version'] = '2023-06-01';
    const body = { model: upstream.model, max_tokens: ANTHROPIC_MAX_TOKENS, messages };
    return {
      url: `${upstream.baseURL}/v1/messages`,
      init: { method: 'POST', headers, body: JSON.stringify(body) },
    };
  }
  if (key) headers.authorization = `Bearer ${key}`;
  const body = JSON.stringify({ model: upstream.model, messages });
  return { url: `${upstream.baseURL}/chat/completions`, init: { method: 'POST', headers, body } };
}

interface WireAnswer {
  choices?: { message?: { content?: string | null } }[];
  content?: { type: string; text?: string }[];
  usage?: Record<string, number | undefined>;
}

function answerOf(upstream: Upstream, json: WireAnswer): Answer {
  const usage = json.usage ?? {};
  if (upstream.provider === 'anthropic') {
    const text = (json.content ?? []).map((block) => block.text ?? '').join('');
    return { text, inputTokens: usage.input_tokens ?? 0, outputTokens: usage.output_tokens ?? 0 };
  }
  const text = json.choices?.[0]?.message?.content ?? '';
  return {
    text,
    inputTokens: usage.prompt_tokens ?? 0,
    outputTokens: usage.completion_tokens ?? 0,
  };
}

/** One call the way an app without hotpath makes it: a fresh connection, closed afterwards. */
async function ask(upstream: Upstream, content: string, signal: AbortSignal): Promise<Answer> {
  const { url, init } = request(upstream, content);
  const agent = new Agent();
  try {
    const response = await fetch(url, { ...init, dispatcher: agent, signal });
    const text = await response.text();
    if (!response.ok) throw new Error(`HTTP ${response.status}: ${text.slice(0, 300)}`);
    return answerOf(upstream, JSON.parse(text) as WireAnswer);
  } finally {
    await agent.close();
  }
}

interface Run {
  readonly upstream: Upstream;
  readonly prompt: string;
  readonly elapsed: () => number;
  readonly signal: AbortSignal;
  /** Calls sent upstream so far. */
  sent: number;
}

async function analyseOne(run: Run, file: DemoFile): Promise<FileRun> {
  const { upstream, prompt, elapsed, signal } = run;
  const startMs = elapsed();
  const base = { path: file.path, startMs, cache: 'none' as const };
  try {
    const text = await readFile(file.absolute, { encoding: 'utf8', signal });
    run.sent++;
    const answer = await ask(upstream, filePrompt(prompt, file.path, text), signal);
    const { inputTokens, outputTokens } = answer;
    return { ...base, endMs: elapsed(), inputTokens, outputTokens };
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    return { ...base, endMs: elapsed(), inputTokens: 0, outputTokens: 0, error: errorText(error) };
  }
}

/**
 * The plain client's first call, outside the measured run: like the host's warm-up, it takes
 * the process's one-time costs (code compiled on first use) out of the first file's figure.
 */
export async function warmUpSequential(
  upstream: Upstream,
  prompt: string,
  signal: AbortSignal,
): Promise<number> {
  const elapsed = stopwatch();
  await ask(upstream, prompt, signal);
  return elapsed();
}

/** How long `callers` identical questions asked at once took, and how many calls went upstream. */
export interface SameQuestion {
  readonly ms: number;
  readonly upstreamRequests: number;
}

/**
 * `callers` parts of an app ask the same question at the same time, each with its own plain
 * call (a new connection each): nothing joins them, so every one goes upstream.
 */
export async function askTogetherPlain(
  upstream: Upstream,
  content: string,
  callers: number,
  signal: AbortSignal,
): Promise<SameQuestion> {
  const elapsed = stopwatch();
  const calls = Array.from({ length: callers }, () => ask(upstream, content, signal));
  await Promise.all(calls);
  return { ms: elapsed(), upstreamRequests: callers };
}

/**
 * The "before" run: the files one after the other, no cache, and a new connection per call
 * (plain undici `fetch` with an agent of its own, closed after each call).
 */
export async function runSequential(
  upstream: Upstream,
  files: readonly DemoFile[],
  prompt: string,
  onFile: FileDone,
  signal: AbortSignal,
): Promise<ModeRun> {
  const run: Run = { upstream, prompt, elapsed: stopwatch(), signal, sent: 0 };
  const runs: FileRun[] = [];
  for (const file of files) {
    signal.throwIfAborted();
    runs.push(await analyseOne(run, file));
    onFile('sequential', file.path);
  }
  return {
    mode: 'sequential',
    totalMs: run.elapsed(),
    files: runs,
    upstreamRequests: run.sent,
    memory: memoryNow(),
  };
}
