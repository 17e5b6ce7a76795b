import type { FinishReason, StreamDelta, Usage } from '@hotpath/protocol';
import {
  type DecodeOptions,
  type DeltaStream,
  decodeEvents,
  type EventMapper,
  parseEventJson,
  UpstreamStreamError,
} from '../src/index.ts';

export { bytes, cutAt, every, failure, serve, toArray } from '@hotpath/testing';

/** What one event of the test dialect carries. */
interface TestEvent {
  readonly text?: string;
  readonly usage?: Usage;
  readonly finish?: FinishReason;
  readonly error?: string;
}

/**
 * The test dialect: the smallest provider mapper a third party could write on `decodeEvents`.
 * Each SSE event's data is `{"text"}`, `{"usage"}`, `{"finish"}` or `{"error"}`; `[DONE]` ends.
 */
class TestEvents implements EventMapper {
  done = false;

  event(data: string, out: StreamDelta[]): void {
    if (data === '[DONE]') {
      this.done = true;
      return;
    }
    const event = parseEventJson<TestEvent>(data);
    if (event.error !== undefined) throw new UpstreamStreamError(event.error, 'test_error');
    if (event.text) out.push({ type: 'text', text: event.text });
    if (event.usage) out.push({ type: 'usage', usage: event.usage });
    if (event.finish) out.push({ type: 'finish', reason: event.finish });
  }
}

/** Decodes a test-dialect SSE body. */
export function decodeTest(body: AsyncIterable<Uint8Array>, options?: DecodeOptions): DeltaStream {
  const spec = {
    format: 'sse',
    provider: 'test',
    endMarker: '`data: [DONE]`',
    create: () => new TestEvents(),
  } as const;
  return decodeEvents(body, spec, options);
}

/** One test-dialect SSE event. */
export function testEvent(event: TestEvent): string {
  return `data: ${JSON.stringify(event)}\n\n`;
}

/** The end marker of the test dialect. */
export const DONE = 'data: [DONE]\n\n';
