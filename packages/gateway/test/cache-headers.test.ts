import { Agent, request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { hello, startRig } from './fixtures.ts';

/** POSTs over `agent`; resolves with the cache header and whether the socket was reused. */
function postOver(agent: Agent, url: string, body: unknown, headers: Record<string, string>) {
  return new Promise<{ cache: string | undefined; reused: boolean }>((resolve, reject) => {
    const req = httpRequest(`${url}/v1/chat/completions`, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', ...headers },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      res.resume();
      res.on('end', () =>
        resolve({ cache: res.headers['x-hotpath-cache'] as string, reused: req.reusedSocket }),
      );
    });
    req.end(JSON.stringify(body));
  });
}

async function post(url: string, body: unknown, key = 'sk-tenant-one-0000'): Promise<Response> {
  return fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
}

const request = { model: 'sim-small', messages: hello, temperature: 0 };

describe('x-hotpath-cache and the overhead header', () => {
  it('reports a miss, then a hit served without an upstream call', async () => {
    await using rig = await startRig();
    const first = await post(rig.gateway.url, request);
    const second = await post(rig.gateway.url, request);
    expect(first.headers.get('x-hotpath-cache')).toBe('miss');
    expect(second.headers.get('x-hotpath-cache')).toBe('hit');
    const [a, b] = (await Promise.all([first.json(), second.json()])) as Array<{
      choices: Array<{ message: unknown }>;
    }>;
    expect(b?.choices[0]?.message).toEqual(a?.choices[0]?.message);
    expect(Number(first.headers.get('x-hotpath-overhead-ms'))).toBeGreaterThanOrEqual(0);
    expect(rig.sim.stats().routes['openai.chat']).toBe(1);
  });

  it('scopes the cache by API key: another key misses', async () => {
    await using rig = await startRig();
    await post(rig.gateway.url, request, 'sk-tenant-one-0000');
    const other = await post(rig.gateway.url, request, 'sk-tenant-two-0000');
    expect(other.headers.get('x-hotpath-cache')).toBe('miss');
    expect(rig.sim.stats().routes['openai.chat']).toBe(2);
  });

  it('scopes the cache by API key on one keep-alive connection: keys taking turns on it never share an answer', async () => {
    await using rig = await startRig();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const calls = [
      { authorization: 'Bearer sk-tenant-one-0000' },
      { authorization: 'Bearer sk-tenant-two-0000' },
      { authorization: 'Bearer sk-tenant-one-0000' },
      { 'x-api-key': 'sk-tenant-one-0000' },
      { authorization: 'Bearer sk-tenant-one-0000', 'x-api-key': 'sk-tenant-one-0000' },
      { authorization: 'Bearer sk-tenant-two-0000' },
      {},
      { 'x-api-key': 'sk-tenant-one-0000' },
    ];
    const answers = [];
    for (const headers of calls)
      answers.push(await postOver(agent, rig.gateway.url, request, headers));
    agent.destroy();
    expect(answers.map((a) => a.cache)).toEqual([
      'miss',
      'miss',
      'hit',
      'miss',
      'miss',
      'hit',
      'miss',
      'hit',
    ]);
    expect(answers.slice(1).every((a) => a.reused)).toBe(true);
    expect(rig.sim.stats().routes['openai.chat']).toBe(5);
  });

  it('does not cache a request with a temperature above 0', async () => {
    await using rig = await startRig();
    await post(rig.gateway.url, { ...request, temperature: 0.7 });
    const again = await post(rig.gateway.url, { ...request, temperature: 0.7 });
    expect(again.headers.get('x-hotpath-cache')).toBe('miss');
    expect(rig.sim.stats().routes['openai.chat']).toBe(2);
  });

  it('replays a finished stream from the cache', async () => {
    await using rig = await startRig();
    const streamed = { ...request, stream: true };
    const first = await post(rig.gateway.url, streamed);
    const firstText = await first.text();
    const second = await post(rig.gateway.url, streamed);
    const secondText = await second.text();
    expect(first.headers.get('x-hotpath-cache')).toBe('miss');
    expect(second.headers.get('x-hotpath-cache')).toBe('hit');
    const content = (sse: string) =>
      sse
        .split('\n\n')
        .filter((f) => f.startsWith('data: {'))
        .map((f) => JSON.parse(f.slice(6)).choices[0]?.delta.content ?? '')
        .join('');
    expect(content(secondText)).toBe(content(firstText));
    expect(secondText.endsWith('data: [DONE]\n\n')).toBe(true);
    expect(rig.sim.stats().routes['openai.chat']).toBe(1);
  });

  it('deduplicates concurrent identical requests into one upstream call', async () => {
    await using rig = await startRig({ sim: { ttftMs: 3000 } });
    const first = post(rig.gateway.url, request);
    await rig.sim.waitFor((s) => s.routes['openai.chat'] === 1);
    const rest = await Promise.all([1, 2, 3, 4].map(() => post(rig.gateway.url, request)));
    const statuses = [
      (await first).headers.get('x-hotpath-cache'),
      ...rest.map((r) => r.headers.get('x-hotpath-cache')),
    ];
    expect(statuses[0]).toBe('miss');
    expect(statuses.slice(1)).toEqual(['shared', 'shared', 'shared', 'shared']);
    expect(rig.sim.stats().routes['openai.chat']).toBe(1);
  });

  it('lets a concurrent identical stream join the live upstream stream', async () => {
    await using rig = await startRig({ sim: { ttftMs: 3000 } });
    const streamed = { ...request, stream: true };
    const first = post(rig.gateway.url, streamed);
    await rig.sim.waitFor((s) => s.routes['openai.chat'] === 1);
    const second = post(rig.gateway.url, streamed);
    const [a, b] = await Promise.all([first, second]);
    expect([a.headers.get('x-hotpath-cache'), b.headers.get('x-hotpath-cache')]).toEqual([
      'miss',
      'shared',
    ]);
    const [textA, textB] = await Promise.all([a.text(), b.text()]);
    const content = (sse: string) =>
      sse.split('\n\n').filter((f) => f.includes('"content":"')).length;
    expect(content(textB)).toBe(content(textA));
    expect(textB.endsWith('data: [DONE]\n\n')).toBe(true);
    expect(rig.sim.stats().routes['openai.chat']).toBe(1);
  });
});
