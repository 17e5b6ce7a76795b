import { deliverBody } from './deliver.ts';
import type { ChatCall, ChatContext, ChatDialect } from './dialect.ts';
import type { Exchange } from './exchange.ts';
import { chooseTools, planResponse } from './plan.ts';
import { randomId } from './prng.ts';
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
    id: randomId(x.sim.idPrng, dialect.idPrefix, 24),
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

async function completeLater(x: Exchange, dialect: ChatDialect, ctx: ChatContext): Promise<void> {
  const waited = performance.now() - x.startedAt;
  if (!(await x.delay(generationMs(x, ctx.plan.steps.length) - waited))) return;
  const fault = x.config!.fault;
  if (fault !== 'reset') x.sim.stats.counters.tokensSent += ctx.plan.steps.length;
  deliverBody(x, dialect.body(ctx));
}

/**
 * Answers a chat request in any dialect: validate, rate-limit, inject status faults, hold the
 * headers back for `slow-headers`, then stream the planned answer or send it whole once it
 * would have been generated.
 */
export async function handleChat(x: Exchange, dialect: ChatDialect, body: unknown): Promise<void> {
  const call = dialect.parse(body);
  if (typeof call === 'string') return x.sendError('invalid', call);
  const config = x.configure(call.seed);
  const estimate =
    Math.ceil(call.conversation.length / 4) +
    Math.min(call.maxTokens ?? Infinity, config.responseTokens);
  if (!x.admit(estimate) || x.statusFault()) return;
  if (!(await x.slowHeaders())) return;
  const ctx = context(x, dialect, call);
  if (call.stream) new StreamSession(x, dialect.frames(ctx), ctx).start(dialect.streamContentType);
  else await completeLater(x, dialect, ctx);
}
