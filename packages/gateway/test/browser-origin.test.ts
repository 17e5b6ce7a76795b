import { describe, expect, it } from 'vitest';
import { hello, startRig } from './fixtures.ts';

const chat = JSON.stringify({ model: 'sim-small', temperature: 0, messages: hello });

describe('requests a web page in a browser makes', () => {
  it('refuses a cross-site "simple" POST (text/plain, no preflight) before it reaches the upstream', async () => {
    await using rig = await startRig();
    // What `fetch(gateway, { method: 'POST', mode: 'no-cors', body })` on any site sends: no
    // preflight, so without this check a page could spend the gateway's upstream keys.
    const response = await fetch(`${rig.gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://evil.example' },
      body: chat,
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: unknown }).error).toMatchObject({
      param: 'origin',
      code: 'origin_not_allowed',
    });
    expect(rig.sim.stats().requests).toBe(0);
    for (const path of ['/v1/models', '/metrics']) {
      const read = await fetch(`${rig.gateway.url}${path}`, { headers: { origin: 'null' } });
      expect([path, read.status]).toEqual([path, 403]);
    }
  });

  it('still serves the same request from a client that is not a browser (no Origin)', async () => {
    await using rig = await startRig();
    const response = await fetch(`${rig.gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: chat,
    });
    expect(response.status).toBe(200);
  });
});
