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
    maxTokens: call.maxTokens,
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
 * Answers a chat request in any dialect: validate, rate-limit, inject status faults, hold the
 * headers back for `slow-headers`, then stream the planned answer or send it whole once it
 * would have been generated. Synchronous unless something has to wait.
 */
export function handleChat(x: Exchange, dialect: ChatDialect, body: unknown): void {
  const call = dialect.parse(body);
  if (typeof call === 'string') {
    x.sendError('invalid', call);
    return;
  }
  const config = x.configure(call.seed);
  const answer = Math.min(
    call.maxTokens ?? Infinity,
    config.responseTokens + config.reasoningTokens,
  );
  if (!x.admit(Math.ceil(call.conversation.length / 4) + answer) || x.statusFault(call.stream))
    return;
  x.afterSlowHeaders(() => respond(x, dialect, call));
}
