import { expect, it } from 'vitest';
import { hello, startRig } from './fixtures.ts';

it('serves Prometheus metrics of the calls it answered', async () => {
  await using rig = await startRig();
  await rig.client.chat.completions.create({ model: 'sim-small', messages: hello, temperature: 0 });
  await rig.client.chat.completions.create({ model: 'sim-small', messages: hello, temperature: 0 });
  const response = await fetch(`${rig.gateway.url}/metrics`);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await response.text();
  const line = (cache: string) =>
    text
      .split('\n')
      .find((l) => l.startsWith('hotpath_llm_requests_total{') && l.includes(`cache="${cache}"`));
  expect(line('miss')).toMatch(/ 1$/);
  expect(line('hit')).toMatch(/ 1$/);
});

it('has no /metrics when metrics are off, and /health answers ok', async () => {
  await using rig = await startRig({ config: { metrics: false } });
  expect((await fetch(`${rig.gateway.url}/metrics`)).status).toBe(404);
  expect(await (await fetch(`${rig.gateway.url}/health`)).json()).toEqual({ status: 'ok' });
});
