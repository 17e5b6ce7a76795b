import { randomUUID } from 'node:crypto';
import type { CompletionResult, FinishReason, StreamDelta, Usage } from '@hotpath/protocol';

const FINISH: { readonly [K in FinishReason]: string } = {
  stop: 'stop',
  length: 'length',
  tool_calls: 'tool_calls',
  content_filter: 'content_filter',
  error: 'stop',
  other: 'stop',
};

/** A fresh OpenAI `chatcmpl-` id. */
export function completionId(): string {
  return `chatcmpl-${randomUUID().replaceAll('-', '')}`;
}

/** OpenAI's `usage` object for a {@link Usage}. */
export function usageJson(usage: Usage): Record<string, unknown> {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    ...(usage.cachedInputTokens === undefined
      ? {}
      : { prompt_tokens_details: { cached_tokens: usage.cachedInputTokens } }),
    ...(usage.reasoningTokens === undefined
      ? {}
      : { completion_tokens_details: { reasoning_tokens: usage.reasoningTokens } }),
  };
}

/**
 * A `chat.completion` body (JSON text) for a result, as OpenAI answers a non-streaming call:
 * the inverse of `openaiDialect.chat.result`. Reasoning goes out as `reasoning_content`.
 *
 * @example
 * ```ts
 * res.end(chatCompletionJson(await host.complete(request)));
 * ```
 */
export function chatCompletionJson(result: CompletionResult): string {
  const { message } = result;
  const calls = message.toolCalls?.map((call) => ({
    id: call.id,
    type: 'function',
    function: { name: call.name, arguments: call.arguments },
  }));
  return JSON.stringify({
    id: result.id ?? completionId(),
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: result.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: calls && message.content === '' ? null : message.content,
          ...(calls ? { tool_calls: calls } : {}),
          ...(message.reasoning === undefined ? {} : { reasoning_content: message.reasoning }),
        },
        logprobs: null,
        finish_reason: FINISH[result.finishReason] ?? 'stop',
      },
    ],
    usage: usageJson(result.usage),
  });
}

/**
 * Turns stream deltas into OpenAI `chat.completion.chunk` SSE frames, as OpenAI streams an
 * answer: the inverse of `decodeOpenAI`. The constant part of every frame is built once, so a
 * text delta costs one `JSON.stringify` of its text.
 *
 * @example
 * ```ts
 * const chunks = new ChatChunkEncoder(request.model, includeUsage);
 * res.write(chunks.start());
 * for await (const delta of host.stream(request)) res.write(chunks.encode(delta));
 * res.end(chunks.end());
 * ```
 */
export class ChatChunkEncoder {
  readonly #head: string;
  readonly #includeUsage: boolean;
  #usage: Usage | undefined;
  #finished = false;

  /**
   * @param model - the model the chunks name
   * @param includeUsage - send a usage chunk before `[DONE]` (`stream_options.include_usage`)
   */
  constructor(model: string, includeUsage: boolean) {
    const created = Math.floor(Date.now() / 1000);
    this.#head = `data: {"id":"${completionId()}","object":"chat.completion.chunk","created":${created},"model":${JSON.stringify(model)},"choices":`;
    this.#includeUsage = includeUsage;
  }

  /** The frame announcing the assistant's role. */
  start(): string {
    return this.#choice('{"role":"assistant","content":""}', 'null');
  }

  /** The frame of one delta ('' when it produces none: usage waits for {@link end}). */
  encode(delta: StreamDelta): string {
    switch (delta.type) {
      case 'text':
        return this.#choice(`{"content":${JSON.stringify(delta.text)}}`, 'null');
      case 'reasoning':
        return this.#choice(`{"reasoning_content":${JSON.stringify(delta.text)}}`, 'null');
      case 'tool-call':
        return this.#choice(JSON.stringify({ tool_calls: [toolCallDelta(delta)] }), 'null');
      case 'usage':
        this.#usage = delta.usage;
        return '';
      case 'finish':
        this.#finished = true;
        return this.#choice('{}', `"${FINISH[delta.reason] ?? 'stop'}"`);
    }
  }

  /** The closing frames: a finish if the upstream sent none, the usage chunk when asked for, `[DONE]`. */
  end(): string {
    const finish = this.#finished ? '' : this.#choice('{}', '"stop"');
    const usage =
      this.#includeUsage && this.#usage !== undefined
        ? `${this.#head}[],"usage":${JSON.stringify(usageJson(this.#usage))}}\n\n`
        : '';
    return `${finish}${usage}data: [DONE]\n\n`;
  }

  #choice(delta: string, finish: string): string {
    return `${this.#head}[{"index":0,"delta":${delta},"logprobs":null,"finish_reason":${finish}}]}\n\n`;
  }
}

function toolCallDelta(
  delta: Extract<StreamDelta, { type: 'tool-call' }>,
): Record<string, unknown> {
  return {
    index: delta.index,
    ...(delta.id === undefined ? {} : { id: delta.id, type: 'function' }),
    function: {
      ...(delta.name === undefined ? {} : { name: delta.name }),
      arguments: delta.argumentsDelta,
    },
  };
}
