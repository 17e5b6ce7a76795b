import { SimulatorArgumentError, startSimulator } from '@hotpath/simulator';
import { expect, it } from 'vitest';

it('startSimulator rejects the old retryAfterSeconds and a misspelt rate limit before it listens', async () => {
  await expect(startSimulator({ retryAfterSeconds: 1 } as never)).rejects.toBeInstanceOf(
    SimulatorArgumentError,
  );
  await expect(startSimulator({ ttft: 5 } as never)).rejects.toThrow(
    'options.ttft is not an option; durations are in milliseconds and end in Ms: use options.ttftMs.',
  );
  await expect(startSimulator({ rateLimit: { window: 1000 } } as never)).rejects.toThrow(
    'use options.rateLimit.windowMs.',
  );
});

it('sends retryAfterMs as Retry-After in whole seconds, rounded up', async () => {
  await using sim = await startSimulator({ fault: '429', retryAfterMs: 1500 });
  const response = await fetch(`${sim.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'sim-small', messages: [{ role: 'user', content: 'hi' }] }),
  });
  await response.arrayBuffer();
  expect(response.status).toBe(429);
  expect(response.headers.get('retry-after')).toBe('2');
});
