import { type ChatContext, parseArguments, type StreamFrames } from './dialect.ts';
import type { PlanBlock, ResponsePlan } from './plan.ts';

function stopReason(plan: ResponsePlan): string {
  if (plan.finish === 'length') return 'max_tokens';
  return plan.finish === 'tool' ? 'tool_use' : 'end_turn';
}

function event(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Stands in for the signature Anthropic attaches to a thinking block. */
function signature(ctx: ChatContext): string {
  return Buffer.from(`hotpath-simulator:${ctx.id}`).toString('base64');
}

function emptyBlock(block: PlanBlock): Record<string, unknown> {
  if (block.kind === 'reasoning') return { type: 'thinking', thinking: '', signature: '' };
  if (block.kind === 'text') return { type: 'text', text: '' };
  return { type: 'tool_use', id: block.toolId, name: block.toolName, input: {} };
}

function delta(block: PlanBlock, token: string): Record<string, unknown> {
  if (block.kind === 'reasoning') return { type: 'thinking_delta', thinking: token };
  if (block.kind === 'text') return { type: 'text_delta', text: token };
  return { type: 'input_json_delta', partial_json: token };
}

/** An Anthropic message object: the whole response, or the empty one `message_start` carries. */
function message(
  ctx: ChatContext,
  content: readonly unknown[],
  stopReason: string | null,
  outputTokens: number,
): Record<string, unknown> {
  return {
    id: ctx.id,
    type: 'message',
    role: 'assistant',
    model: ctx.call.model,
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage: {
      input_tokens: ctx.plan.promptTokens,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      output_tokens: outputTokens,
    },
  };
}

function messageStart(ctx: ChatContext): string {
  return event('message_start', { type: 'message_start', message: message(ctx, [], null, 1) });
}

function blockStop(ctx: ChatContext, index: number): string {
  const block = ctx.plan.blocks[index]!;
  const sign =
    block.kind === 'reasoning'
      ? event('content_block_delta', {
          type: 'content_block_delta',
          index,
          delta: { type: 'signature_delta', signature: signature(ctx) },
        })
      : '';
  return sign + event('content_block_stop', { type: 'content_block_stop', index });
}

function blockStart(ctx: ChatContext, index: number): string {
  const start = event('content_block_start', {
    type: 'content_block_start',
    index,
    content_block: emptyBlock(ctx.plan.blocks[index]!),
  });
  return index === 0 ? start + event('ping', { type: 'ping' }) : start;
}

/**
 * The named SSE events of one streamed answer, as the Messages API sends them: `message_start`,
 * then per block `content_block_start` (`ping` after the first), deltas (`thinking_delta` and a
 * `signature_delta`, `text_delta`, or `input_json_delta`) and `content_block_stop`, then
 * `message_delta` with the stop reason and output tokens, and `message_stop`.
 */
export function messageFrames(ctx: ChatContext): StreamFrames {
  const { plan } = ctx;
  const token = (i: number): string => {
    const step = plan.steps[i]!;
    const index = step.block;
    const open = step.first
      ? (index > 0 ? blockStop(ctx, index - 1) : '') + blockStart(ctx, index)
      : '';
    return (
      open +
      event('content_block_delta', {
        type: 'content_block_delta',
        index,
        delta: delta(plan.blocks[index]!, step.token),
      })
    );
  };
  const tail = (): string => {
    const last = plan.blocks.length > 0 ? blockStop(ctx, plan.blocks.length - 1) : '';
    const end = {
      type: 'message_delta',
      delta: { stop_reason: stopReason(plan), stop_sequence: null },
      usage: { output_tokens: plan.tokenCount },
    };
    return last + event('message_delta', end) + event('message_stop', { type: 'message_stop' });
  };
  const malformed = (): string =>
    'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_d\n\n';
  const error = (): string =>
    event('error', { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
  return { head: () => messageStart(ctx), token, tail, malformed, error };
}

function contentBlock(ctx: ChatContext, block: PlanBlock): Record<string, unknown> {
  const text = block.tokens.join('');
  if (block.kind === 'reasoning')
    return { type: 'thinking', thinking: text, signature: signature(ctx) };
  if (block.kind === 'text') return { type: 'text', text };
  return { type: 'tool_use', id: block.toolId, name: block.toolName, input: parseArguments(text) };
}

/** The non-streaming `message` body. */
export function messageBody(ctx: ChatContext): string {
  const content = ctx.plan.blocks.map((block) => contentBlock(ctx, block));
  return JSON.stringify(message(ctx, content, stopReason(ctx.plan), ctx.plan.tokenCount));
}
