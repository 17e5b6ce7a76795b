import { deliverBody } from './deliver.ts';
import type { ChatCall, ChatContext, ChatDialect } from './dialect.ts';
import type { Exchange } from './exchange.ts';
import { chooseTools, planResponse } from './plan.ts';
import { StreamSession } from './stream-session.ts';

function context(x: Exchange, dialect: ChatDialect, call: ChatCall): ChatContext {
  const config = x.config!;
  const tools = chooseTools(
    call.tools,
    call.toolChoice,
    call.lastUserText,
    call.endsWithToolResult,
  );
  const plan = planResponse({
    conversation: call.conversation,
    seed: config.seed,
    responseTokens: config.responseTokens,
    reasoningTokens: config.reasoningTokens,
    maxTokens: maxTokens(call.maxTokens, config.maxTokens),
    tools,
    toolIdPrefix: dialect.toolIdPrefix,
  });
  return {
    call,
    plan,
    id: x.sim.nextId(dialect.idPrefix),
    created: Math.floor(Date.now() / 1000),
    elapsedMs: () => performance.now() - x.startedAt,
  };
}

/** The smaller of the request's max tokens and the `x-sim-max-tokens` header, if either is set. */
function maxTokens(request: number | undefined, header: number | undefined): number | undefined {
  if (request === undefined) return header;
  return header === undefined ? request : Math.min(request, header);
}

/** Milliseconds a non-streaming answer of `tokens` tokens takes to generate. */
function generationMs(x: Exchange, tokens: number): number {
  const { ttftMs, tokensPerSecond } = x.config!;
  const rest = Number.isFinite(tokensPerSecond)
    ? (Math.max(0, tokens - 1) * 1000) / tokensPerSecond
    : 0;
  return ttftMs + rest;
}

function complete(x: Exchange, dialect: ChatDialect, ctx: ChatContext): void {
  if (x.config!.fault !== 'reset') x.sim.stats.counters.tokensSent += ctx.plan.tokenCount;
  deliverBody(x, dialect.body(ctx));
}

function respond(x: Exchange, dialect: ChatDialect, call: ChatCall): void {
  const ctx = context(x, dialect, call);
  if (call.stream) {
    new StreamSession(x, dialect.frames(ctx), ctx).start(dialect.streamContentType);
    return;
  }
  const wait = generationMs(x, ctx.plan.tokenCount) - (performance.now() - x.startedAt);
  x.after(wait, () => complete(x, dialect, ctx));
}

/**
 * The dialect's reading of `body`, or the refusal to send. Reading serializes the conversation
 * recursively: a body nested a million levels deep (JSON.parse takes it) overflows the stack,
 * which is the client's bad request, not the simulator's failure.
 */
function parseOrRefuse(dialect: ChatDialect, body: unknown): ReturnType<ChatDialect['parse']> {
  try {
    return dialect.parse(body);
  } catch (error) {
    if (error instanceof RangeError) return 'The request body nests too deeply to read.';
    throw error;
  }
}

/**
 * Answers a chat request in any dialect: validate, rate-limit, inject status faults, hold the
 * headers back for `slow-headers`, then stream the planned answer or send it whole once it
 * would have been generated. Synchronous unless something has to wait.
 */
export function handleChat(x: Exchange, dialect: ChatDialect, body: unknown): void {
  const call = parseOrRefuse(dialect, body);
  if (typeof call === 'string') {
    x.sendError('invalid', call);
    return;
  }
  const config = x.configure(call.seed);
  const cap = maxTokens(call.maxTokens, config.maxTokens) ?? Infinity;
  const answer = Math.min(cap, config.responseTokens + config.reasoningTokens);
  if (!x.admit(Math.ceil(call.conversation.length / 4) + answer) || x.statusFault(call.stream))
    return;
  x.afterSlowHeaders(() => respond(x, dialect, call));
}
