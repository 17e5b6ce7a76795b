import { blockText, type ChatContext, type StreamFrames } from './dialect.ts';
import type { ResponsePlan } from './plan.ts';

function parsedArguments(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

function toolCalls(plan: ResponsePlan): Record<string, unknown>[] {
  return plan.blocks
    .filter((block) => block.kind === 'tool')
    .map((block) => ({
      function: { name: block.toolName, arguments: parsedArguments(block.tokens.join('')) },
    }));
}

function final(ctx: ChatContext, message: Record<string, unknown>): string {
  const elapsedNs = Math.round(ctx.elapsedMs() * 1e6);
  return JSON.stringify({
    model: ctx.call.model,
    created_at: new Date().toISOString(),
    message,
    done: true,
    done_reason: ctx.plan.finish === 'length' ? 'length' : 'stop',
    total_duration: elapsedNs + 1000,
    load_duration: 1000,
    prompt_eval_count: ctx.plan.promptTokens,
    prompt_eval_duration: 1000,
    eval_count: ctx.plan.tokenCount,
    eval_duration: elapsedNs,
  });
}

function lastToolStep(plan: ResponsePlan): number {
  for (let i = plan.steps.length - 1; i >= 0; i--) {
    if (plan.blocks[plan.steps[i]!.block]!.kind === 'tool') return i;
  }
  return -1;
}

/**
 * The NDJSON lines of one streamed answer. Reasoning arrives in `message.thinking`, text in
 * `message.content`; like Ollama, tool calls are not streamed in fragments but arrive whole, all
 * in one line, once their arguments are complete. A `done: true` line with counts ends the stream.
 */
export function chatFrames(ctx: ChatContext): StreamFrames {
  const { plan } = ctx;
  const prefix = `{"model":${JSON.stringify(ctx.call.model)},"created_at":"`;
  const toolsAt = lastToolStep(plan);
  const line = (message: string): string =>
    `${prefix}${new Date().toISOString()}","message":${message},"done":false}\n`;
  const token = (i: number): string => {
    const step = plan.steps[i]!;
    const kind = plan.blocks[step.block]!.kind;
    const text = JSON.stringify(step.token);
    if (kind === 'text') return line(`{"role":"assistant","content":${text}}`);
    if (kind === 'reasoning') return line(`{"role":"assistant","content":"","thinking":${text}}`);
    if (i !== toolsAt) return '';
    return line(JSON.stringify({ role: 'assistant', content: '', tool_calls: toolCalls(plan) }));
  };
  return {
    head: () => '',
    token,
    tail: () => `${final(ctx, { role: 'assistant', content: '' })}\n`,
    malformed: () => `${prefix}${new Date().toISOString()}","message":{"role":"assist\n`,
    error: () => '{"error":"an error was encountered while running the model (simulated)"}\n',
  };
}

/** The non-streaming `/api/chat` body. */
export function chatBody(ctx: ChatContext): string {
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: blockText(ctx.plan, 'text'),
  };
  if (ctx.plan.reasoningTokens > 0) message.thinking = blockText(ctx.plan, 'reasoning');
  const calls = toolCalls(ctx.plan);
  if (calls.length > 0) message.tool_calls = calls;
  return final(ctx, message);
}
