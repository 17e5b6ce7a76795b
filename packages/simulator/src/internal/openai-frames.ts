import { blockText, type ChatContext, openAiFinish, type StreamFrames } from './dialect.ts';
import type { PlanBlock, ResponsePlan } from './plan.ts';

function completionTokens(plan: ResponsePlan): number {
  return plan.tokenCount;
}

function usage(ctx: ChatContext): Record<string, unknown> {
  const completion = completionTokens(ctx.plan);
  return {
    prompt_tokens: ctx.plan.promptTokens,
    completion_tokens: completion,
    total_tokens: ctx.plan.promptTokens + completion,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: ctx.plan.reasoningTokens,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

function chunkPrefix(ctx: ChatContext): string {
  const head = {
    id: ctx.id,
    object: 'chat.completion.chunk',
    created: ctx.created,
    model: ctx.call.model,
  };
  const json = JSON.stringify({ ...head, service_tier: 'default', system_fingerprint: 'fp_sim' });
  return `data: ${json.slice(0, -1)},"choices":[{"index":0,"delta":`;
}

/** Position of each tool block among the tool calls (the `index` of its `tool_calls` entries). */
function toolIndexes(blocks: readonly PlanBlock[]): number[] {
  let next = 0;
  return blocks.map((block) => (block.kind === 'tool' ? next++ : -1));
}

function toolStart(block: PlanBlock, index: number): string {
  const fn = { name: block.toolName, arguments: '' };
  return JSON.stringify({ index, id: block.toolId, type: 'function', function: fn });
}

function roleDelta(plan: ResponsePlan): string {
  const first = plan.blocks[0];
  if (first?.kind !== 'tool') return '{"role":"assistant","content":"","refusal":null}';
  return `{"role":"assistant","content":null,"tool_calls":[${toolStart(first, 0)}],"refusal":null}`;
}

function tokenDelta(block: PlanBlock, toolIndex: number, token: string): string {
  const text = JSON.stringify(token);
  if (block.kind === 'text') return `{"content":${text}}`;
  if (block.kind === 'reasoning') return `{"reasoning_content":${text}}`;
  return `{"tool_calls":[{"index":${toolIndex},"function":{"arguments":${text}}}]}`;
}

/**
 * The `chat.completion.chunk` frames of one streamed answer, as OpenAI sends them: a role
 * chunk (carrying the first tool call's id and name when the answer starts with one), one
 * chunk per token, a chunk opening each further tool call, a finish chunk, the usage chunk
 * when `stream_options.include_usage`, then `[DONE]`. Reasoning goes in `reasoning_content`,
 * as OpenAI-compatible servers (vLLM, DeepSeek, llama.cpp) send it.
 */
export function chatFrames(ctx: ChatContext): StreamFrames {
  const { plan } = ctx;
  const prefix = chunkPrefix(ctx);
  const usageSuffix = ctx.call.includeUsage ? ',"usage":null}\n\n' : '}\n\n';
  const frame = (delta: string, finish: string): string =>
    `${prefix}${delta},"logprobs":null,"finish_reason":${finish}}]${usageSuffix}`;
  const indexes = toolIndexes(plan.blocks);
  const token = (i: number): string => {
    const step = plan.steps[i]!;
    const block = plan.blocks[step.block]!;
    const opens = step.first && block.kind === 'tool' && step.block > 0;
    const start = opens
      ? frame(`{"tool_calls":[${toolStart(block, indexes[step.block]!)}]}`, 'null')
      : '';
    return start + frame(tokenDelta(block, indexes[step.block]!, step.token), 'null');
  };
  const tail = (): string => {
    let out = frame('{}', `"${openAiFinish(plan)}"`);
    if (ctx.call.includeUsage) {
      out += `${prefix.slice(0, prefix.indexOf('"choices"'))}"choices":[],"usage":${JSON.stringify(usage(ctx))}}\n\n`;
    }
    return `${out}data: [DONE]\n\n`;
  };
  return {
    head: () => frame(roleDelta(plan), 'null'),
    token,
    tail,
    malformed: () => `${prefix}{"content":"\n\n`,
    error: () =>
      `data: ${JSON.stringify({ error: { message: 'The server had an error while processing your request (simulated).', type: 'server_error', param: null, code: null } })}\n\n`,
  };
}

function message(plan: ResponsePlan): Record<string, unknown> {
  const tools = plan.blocks.filter((block) => block.kind === 'tool');
  const out: Record<string, unknown> = {
    role: 'assistant',
    content: tools.length > 0 ? null : blockText(plan, 'text'),
  };
  if (plan.reasoningTokens > 0) out.reasoning_content = blockText(plan, 'reasoning');
  if (tools.length > 0) {
    out.tool_calls = tools.map((block) => ({
      id: block.toolId,
      type: 'function',
      function: { name: block.toolName, arguments: block.tokens.join('') },
    }));
  }
  return { ...out, refusal: null, annotations: [] };
}

/** The non-streaming `chat.completion` body. */
export function chatBody(ctx: ChatContext): string {
  return JSON.stringify({
    id: ctx.id,
    object: 'chat.completion',
    created: ctx.created,
    model: ctx.call.model,
    choices: [
      {
        index: 0,
        message: message(ctx.plan),
        logprobs: null,
        finish_reason: openAiFinish(ctx.plan),
      },
    ],
    usage: usage(ctx),
    service_tier: 'default',
    system_fingerprint: 'fp_sim',
  });
}
