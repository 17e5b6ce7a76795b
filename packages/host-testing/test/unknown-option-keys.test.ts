import { HostArgumentError } from '@hotpath/host';
import { createTestHost } from '@hotpath/host-testing';
import { expect, it } from 'vitest';

it('createTestHost rejects an old option name before it starts the simulator', async () => {
  await expect(createTestHost({ setupTimeout: 10 } as never)).rejects.toBeInstanceOf(
    HostArgumentError,
  );
  await expect(createTestHost({ setupTimeout: 10 } as never)).rejects.toThrow(
    'createTestHost(): options.setupTimeout is not an option; durations are in milliseconds and end in Ms: use options.setupTimeoutMs.',
  );
});
