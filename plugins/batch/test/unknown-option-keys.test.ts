import { BatchPluginArgumentError, batchPlugin } from '@hotpath/plugin-batch';
import { expect, it } from 'vitest';

it('batchPlugin rejects the old maxWait, naming maxWaitMs', () => {
  const make = () => batchPlugin({ maxWait: 5 } as never);
  expect(make).toThrow(BatchPluginArgumentError);
  expect(make).toThrow(
    'batchPlugin(): options.maxWait is not an option; durations are in milliseconds and end in Ms: use options.maxWaitMs.',
  );
});
