import { APIError } from 'openai';
import { expect, it } from 'vitest';
import { hello, startRig } from './fixtures.ts';

it('refuses a request larger than the per-minute token limit with a 429, without calling upstream', async () => {
  await using rig = await startRig({ config: { rateLimit: { tokensPerMinute: 50 } } });
  const error = await rig.client.chat.completions
    .create({ model: 'sim-small', messages: hello, max_tokens: 500 })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(APIError);
  expect((error as APIError).status).toBe(429);
  expect(rig.sim.stats().routes['openai.chat'] ?? 0).toBe(0);
  const small = await rig.client.chat.completions.create({
    model: 'sim-small',
    messages: hello,
    max_tokens: 5,
  });
  expect(small.choices[0]?.finish_reason).toBe('length');
  expect(rig.gateway.host.service('rate-limit').stats().acquired).toBe(1);
});
