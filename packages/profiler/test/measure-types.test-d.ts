import { expectTypeOf, it } from 'vitest';
import { createProfiler, type HistogramStats } from '../src/index.ts';

it('keeps the wrapped function’s return type: sync stays sync, async stays a promise', () => {
  const profiler = createProfiler();
  expectTypeOf(profiler.measure('sync', () => 42)).toEqualTypeOf<number>();
  expectTypeOf(profiler.measure('async', async () => 'x')).toEqualTypeOf<Promise<string>>();
  expectTypeOf(profiler.start('t')).returns.toEqualTypeOf<number>();
  expectTypeOf(profiler.stats('t')).toEqualTypeOf<HistogramStats | undefined>();
});
