import { analyzeFiles, createHost, HostArgumentError } from '@hotpath/host';
import { expect, it } from 'vitest';

it('createHost rejects an old duration name, naming the Ms spelling', () => {
  const make = () => createHost({ setupTimeout: 1000 } as never);
  expect(make).toThrow(HostArgumentError);
  expect(make).toThrow(
    'createHost(): options.setupTimeout is not an option; durations are in milliseconds and end in Ms: use options.setupTimeoutMs.',
  );
});

it('runTools and analyzeFiles reject unknown keys before any tool or model call', async () => {
  await using host = createHost({
    provider: {
      complete: async () => {
        throw new Error('no call expected');
      },
    } as never,
  });
  await expect(host.runTools([], { concurency: 2 } as never)).rejects.toThrow(
    /^runTools\(\): options.concurency is not an option; options accepts concurrency, locals, signal\.$/,
  );
  await expect(host.runTools([], { concurrency: 2, locals: {} })).resolves.toMatchObject({
    ok: true,
  });
  await expect(
    analyzeFiles(host, [], 'why?', { model: 'm', temprature: 0 } as never),
  ).rejects.toMatchObject({
    code: 'HOTPATH_HOST_INVALID_ARGUMENT',
  });
});
