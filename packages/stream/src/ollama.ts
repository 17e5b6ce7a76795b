import type { FinishReason, StreamDelta } from '@hotpath/protocol';
import type { DecodeOptions, DeltaStream } from './delta-stream.ts';
import { TruncatedStreamError, UpstreamStreamError } from './errors.ts';
import type { ChunkHandler } from './internal/decoded-stream.ts';
import { decodeWith } from './internal/delta-decoder.ts';
import { parseChunk } from './internal/json.ts';
import { LineSplitter } from './internal/sse-parser.ts';

interface OllamaToolCall {
  id?: string;
  function?: { name?: string; arguments?: unknown };
}

interface OllamaLine {
  message?: { content?: string; thinking?: string; tool_calls?: OllamaToolCall[] };
  /** `/api/generate` puts the text here. */
  response?: string;
  thinking?: string;
  done?: boolean;
  done_reason?: string;
  prompt_eval_count?: number;
  eval_count?: number;
  error?: string | { message?: string };
}

function argumentsText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? {});
}

/** Maps Ollama NDJSON lines to deltas; `done: true` carries usage and the finish reason. */
class OllamaHandler implements ChunkHandler<StreamDelta> {
  tokens = 0;
  readonly #lines: LineSplitter;
  #out: StreamDelta[] = [];
  #done = false;
  #toolCount = 0;

  constructor(maxEventSize: number) {
    this.#lines = new LineSplitter((line) => this.#line(line), maxEventSize);
  }

  push(text: string, out: StreamDelta[]): void {
    this.#out = out;
    this.#lines.push(text);
  }

  end(out: StreamDelta[]): void {
    this.#out = out;
    this.#lines.end();
    if (!this.#done) throw new TruncatedStreamError('a line with `"done": true`');
  }

  #line(line: string): void {
    if (this.#done) return;
    const value = parseChunk<OllamaLine>(line);
    if (value.error !== undefined) {
      const message = typeof value.error === 'string' ? value.error : value.error.message;
      throw new UpstreamStreamError(message ?? 'unknown error', undefined);
    }
    const message = value.message;
    this.#text('reasoning', message?.thinking ?? value.thinking);
    this.#text('text', message?.content ?? value.response);
    if (message?.tool_calls !== undefined) this.#tools(message.tool_calls);
    if (value.done === true) this.#close(value);
  }

  #text(type: 'text' | 'reasoning', text: string | undefined): void {
    if (typeof text !== 'string' || text === '') return;
    this.#out.push({ type, text });
    this.tokens++;
  }

  #tools(calls: OllamaToolCall[]): void {
    for (const call of calls) {
      const index = this.#toolCount++;
      const argumentsDelta = argumentsText(call.function?.arguments);
      const name = call.function?.name ?? '';
      this.#out.push(
        call.id === undefined
          ? { type: 'tool-call', index, name, argumentsDelta }
          : { type: 'tool-call', index, id: call.id, name, argumentsDelta },
      );
      this.tokens++;
    }
  }

  #close(value: OllamaLine): void {
    this.#done = true;
    const outputTokens = value.eval_count ?? 0;
    const usage = { inputTokens: value.prompt_eval_count ?? 0, outputTokens };
    this.#out.push({ type: 'usage', usage });
    this.#out.push({ type: 'finish', reason: this.#reason(value.done_reason) });
    this.tokens = outputTokens;
  }

  #reason(reason: string | undefined): FinishReason {
    if (reason === 'length') return 'length';
    if (reason !== undefined && reason !== 'stop') return 'other';
    return this.#toolCount > 0 ? 'tool_calls' : 'stop';
  }
}

/**
 * Decodes an Ollama `/api/chat` (or `/api/generate`) NDJSON stream into deltas: content,
 * thinking as reasoning, each complete tool call as one tool-call delta (arguments as
 * JSON text), then usage (`prompt_eval_count`, `eval_count`) and the finish reason from
 * the `done: true` line. An `{ "error": … }` line fails the stream.
 *
 * @param body - the response body (`AsyncIterable<Uint8Array>`)
 * @example
 * ```ts
 * for await (const delta of decodeOllama(res.body!, { upstream })) console.log(delta);
 * ```
 */
export function decodeOllama(
  body: AsyncIterable<Uint8Array>,
  options?: DecodeOptions,
): DeltaStream {
  return decodeWith('ollama', 'decodeOllama', body, options, (max) => new OllamaHandler(max));
}
