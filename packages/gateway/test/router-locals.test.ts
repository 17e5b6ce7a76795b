import type { CallLocals } from '@hotpath/protocol';
import { expect, it } from 'vitest';
import { hello, startRig } from './fixtures.ts';

const request = { model: 'sim-small', messages: hello, temperature: 0 };

it("writes the upstream time into the call's typed locals only when the router called upstream", async () => {
  await using rig = await startRig();
  const miss: CallLocals = {};
  await rig.gateway.host.complete(request, { locals: miss });
  expect(miss.cache).toBe('miss');
  expect(typeof miss.gatewayUpstreamMs).toBe('number');
  const hit: CallLocals = {};
  await rig.gateway.host.complete(request, { locals: hit });
  expect(hit).toEqual({ cache: 'hit', cacheSavings: expect.any(Object) });
});

it('rejects an unknown model through the host as over HTTP, with the same typed error', async () => {
  await using rig = await startRig();
  await expect(rig.gateway.host.complete({ ...request, model: 'nope' })).rejects.toMatchObject({
    code: 'HOTPATH_GATEWAY_UNKNOWN_MODEL',
  });
  const response = await fetch(`${rig.gateway.url}/v1/chat/completions`, {
    method: 'POST',
    body: JSON.stringify({ ...request, model: 'nope' }),
  });
  expect(response.status).toBe(404);
  expect(rig.sim.stats().routes['openai.chat'] ?? 0).toBe(0);
});

it('closes through the host: calls after close() are refused by the host itself', async () => {
  const rig = await startRig();
  await rig.gateway.close();
  await expect(rig.gateway.host.complete(request)).rejects.toMatchObject({
    code: 'HOTPATH_HOST_CLOSED',
  });
  await rig[Symbol.asyncDispose]();
});
