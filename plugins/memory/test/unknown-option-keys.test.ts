import { MemoryPluginArgumentError, memoryPlugin } from '@hotpath/plugin-memory';
import { expect, it } from 'vitest';

it('memoryPlugin rejects an old or misspelt option when it is made, not at setup', () => {
  const make = () => memoryPlugin({ interval: 60_000 } as never);
  expect(make).toThrow(MemoryPluginArgumentError);
  expect(make).toThrow(
    'memoryPlugin(): options.interval is not an option; durations are in milliseconds and end in Ms: use options.intervalMs.',
  );
  // `signal` comes from the host, so it is not an option of the plugin.
  expect(() => memoryPlugin({ signal: AbortSignal.abort() } as never)).toThrow(
    /options.signal is not an option/,
  );
});
