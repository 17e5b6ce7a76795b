import { readFile } from 'node:fs/promises';
import { anthropicDialect } from '@hotpath/plugin-anthropic';
import { openaiDialect } from '@hotpath/plugin-openai';
import type { CompletionRequest } from '@hotpath/protocol';
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

interface Answer {
  readonly text: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/**
 * The wire dialect of the upstream, from the plugin that owns it: its URL, auth header, request
 * body (Anthropic's default `max_tokens` included) and answer mapping, so this plain client
 * shares every wire detail with the providers of the hotpath run.
 */
function dialectOf(upstream: Upstream): typeof openaiDialect {
  return upstream.provider === 'anthropic' ? anthropicDialect : openaiDialect;
}

function request(
  upstream: Upstream,
  content: string,
): {
  url: string;
  init: RequestInit;
  completion: CompletionRequest;
} {
  const dialect = dialectOf(upstream);
  const completion: CompletionRequest = {
    model: upstream.model,
    messages: [{ role: 'user', content }],
  };
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...dialect.headers,
    ...(upstream.apiKey ? dialect.authHeaders(upstream.apiKey) : {}),
  };
  const body = JSON.stringify(dialect.chat.body(completion, false));
  return {
    url: `${dialect.apiRoot(upstream.baseURL)}${dialect.chat.path}`,
    init: { method: 'POST', headers, body },
    completion,
  };
}

/** One call the way an app without hotpath makes it: a fresh connection, closed afterwards. */
async function ask(upstream: Upstream, content: string, signal: AbortSignal): Promise<Answer> {
  const { url, init, completion } = request(upstream, content);
  const agent = new Agent();
  try {
    const response = await fetch(url, { ...init, dispatcher: agent, signal });
    const text = await response.text();
    if (!response.ok) throw new Error(`HTTP ${response.status}: ${text.slice(0, 300)}`);
    const result = dialectOf(upstream).chat.result(JSON.parse(text), completion);
    const { usage } = result;
    return {
      text: result.message.content,
      inputTokens: usage.inputTokens,
      outputTokens: usage.outputTokens,
    };
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
