import {
  budget,
  fanOut,
  parseSSE,
  rechunk,
  replay,
  StreamArgumentError,
  timeouts,
} from '@hotpath/stream';
import { expect, it } from 'vitest';

async function* nothing(): AsyncGenerator<never> {}

it('timeouts rejects an old duration name before reading the stream, naming the Ms spelling', () => {
  const wrap = () => timeouts(nothing(), { idle: 1000 } as never);
  expect(wrap).toThrow(StreamArgumentError);
  expect(wrap).toThrow(
    'timeouts: options.idle is not an option; durations are in milliseconds and end in Ms: use options.idleMs.',
  );
});

it('budget, rechunk, fanOut, replay and parseSSE reject unknown keys with HOTPATH_STREAM_INVALID_ARGUMENT', () => {
  const calls: Array<() => unknown> = [
    () => budget(nothing(), { maxOutputTokens: 5, maxTokens: 5 } as never),
    () => rechunk(nothing(), { maxDelay: 5 } as never),
    () => fanOut(nothing(), 2, { buffer: 5 } as never),
    () => replay({ entries: [], durationMs: 0, complete: true }, { sped: 2 } as never),
    () => parseSSE(nothing(), { startedAt: 0 } as never),
  ];
  for (const call of calls) {
    expect(call).toThrow(expect.objectContaining({ code: 'HOTPATH_STREAM_INVALID_ARGUMENT' }));
  }
  expect(calls[1]!).toThrow('use options.maxDelayMs.');
});
