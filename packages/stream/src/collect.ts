import type {
  CompletionResult,
  FinishReason,
  StreamDelta,
  ToolCall,
  ToolCallDelta,
  Usage,
} from '@hotpath/protocol';
import { StreamArgumentError } from './errors.ts';
import { looksLikeDelta, notADelta } from './internal/check-options.ts';

/** A tool call assembled from its fragments. */
export interface CollectedToolCall {
  readonly index: number;
  readonly id: string;
  readonly name: string;
  /** The concatenated argument fragments (JSON text). */
  readonly arguments: string;
}

/** Everything a delta stream said, assembled. */
export interface CollectedStream {
  readonly text: string;
  readonly reasoning: string;
  /** Tool calls ordered by index. */
  readonly toolCalls: readonly CollectedToolCall[];
  readonly usage: Usage | undefined;
  readonly finishReason: FinishReason | undefined;
}

interface ToolParts {
  id: string;
  name: string;
  parts: string[];
}

/**
 * Assembles deltas as they come: text and reasoning joined, tool-call fragments joined per
 * `index` (the first fragment with an `id` or `name` sets it), the last usage and finish
 * reason kept. {@link collect} uses it for a stream; a provider dialect uses it to map a
 * non-streaming answer through the same per-part logic as its stream, so the two agree.
 *
 * @example
 * ```ts
 * const collector = new DeltaCollector();
 * for (const delta of deltas) collector.add(delta);
 * const { text, toolCalls } = collector.result();
 * ```
 */
export class DeltaCollector {
  readonly #text: string[] = [];
  readonly #reasoning: string[] = [];
  readonly #tools = new Map<number, ToolParts>();
  #usage: Usage | undefined;
  #finishReason: FinishReason | undefined;

  /** Adds one delta. */
  add(delta: StreamDelta): void {
    if (delta.type === 'text') this.#text.push(delta.text);
    else if (delta.type === 'reasoning') this.#reasoning.push(delta.text);
    else if (delta.type === 'tool-call') this.#tool(delta);
    else if (delta.type === 'usage') this.#usage = delta.usage;
    else this.#finishReason = delta.reason;
  }

  /** What the deltas so far amount to. */
  result(): CollectedStream {
    const toolCalls = [...this.#tools]
      .sort(([a], [b]) => a - b)
      .map(([index, t]) => ({ index, id: t.id, name: t.name, arguments: t.parts.join('') }));
    return {
      text: this.#text.join(''),
      reasoning: this.#reasoning.join(''),
      toolCalls,
      usage: this.#usage,
      finishReason: this.#finishReason,
    };
  }

  #tool(delta: ToolCallDelta): void {
    let tool = this.#tools.get(delta.index);
    if (tool === undefined) {
      tool = { id: '', name: '', parts: [] };
      this.#tools.set(delta.index, tool);
    }
    if (delta.id) tool.id = delta.id;
    if (delta.name) tool.name = delta.name;
    tool.parts.push(delta.argumentsDelta);
  }
}

/**
 * Reads a delta stream to the end and assembles it: text, reasoning, tool calls (fragments
 * joined per `index`), usage and finish reason. Errors of the stream propagate.
 *
 * @param stream - any delta stream
 * @example
 * ```ts
 * const { text, toolCalls, usage } = await collect(decodeAnthropic(res.body!));
 * ```
 */
export async function collect(stream: AsyncIterable<StreamDelta>): Promise<CollectedStream> {
  if (
    typeof (stream as Partial<AsyncIterable<StreamDelta>> | null)?.[Symbol.asyncIterator] !==
    'function'
  ) {
    throw new StreamArgumentError('collect(stream): expected an AsyncIterable<StreamDelta>');
  }
  const collector = new DeltaCollector();
  for await (const delta of stream) {
    // Leaving the loop by throwing stops the stream (and its upstream request).
    if (!looksLikeDelta(delta)) throw notADelta('collect', delta);
    collector.add(delta);
  }
  return collector.result();
}

/**
 * Assembles deltas that are already at hand, as {@link collect} assembles a stream.
 *
 * @param deltas - deltas in stream order
 * @example
 * ```ts
 * const { text } = collectDeltas([{ type: 'text', text: 'Hi' }, { type: 'finish', reason: 'stop' }]);
 * ```
 */
export function collectDeltas(deltas: Iterable<StreamDelta>): CollectedStream {
  const collector = new DeltaCollector();
  for (const delta of deltas) collector.add(delta);
  return collector.result();
}

/**
 * The {@link CompletionResult} a collected stream amounts to: the text as the message content,
 * reasoning and tool calls when there are any, usage (zeros when the stream sent none) and the
 * finish reason (`other` when it sent none).
 *
 * @param collected - what {@link collect} or {@link DeltaCollector} assembled
 * @param meta - the response id, when the provider gave one, and the model that answered
 * @example
 * ```ts
 * const result = toCompletionResult(await collect(provider.stream(request)), { model: request.model });
 * ```
 */
export function toCompletionResult(
  collected: CollectedStream,
  meta: { readonly id?: string | undefined; readonly model: string },
): CompletionResult {
  const toolCalls: ToolCall[] = collected.toolCalls.map(({ id, name, arguments: args }) => ({
    id,
    name,
    arguments: args,
  }));
  return {
    ...(meta.id ? { id: meta.id } : {}),
    model: meta.model,
    message: {
      role: 'assistant',
      content: collected.text,
      ...(toolCalls.length > 0 ? { toolCalls } : {}),
      ...(collected.reasoning ? { reasoning: collected.reasoning } : {}),
    },
    usage: collected.usage ?? { inputTokens: 0, outputTokens: 0 },
    finishReason: collected.finishReason ?? 'other',
  };
}
