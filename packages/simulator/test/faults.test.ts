import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULT_MODES, type Simulator, startSimulator } from '../src/index.ts';
import { chat, openAiChunks, parseNdjson, parseSse, post, readAll } from './helpers.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ responseTokens: 10 });
});
afterAll(() => sim.close());

const fault = (mode: string, extra: Record<string, string> = {}): Record<string, string> => ({
  'x-sim-fault': mode,
  ...extra,
});
const streamBody = chat('fault', { stream: true });

describe('status faults', () => {
  it('answers 429 with Retry-After and exhausted x-ratelimit-* headers in OpenAI shape', async () => {
    const res = await post(
      sim.url,
      '/v1/chat/completions',
      streamBody,
      fault('429', { 'x-sim-retry-after': '7' }),
    );
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(res.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(res.headers.get('x-ratelimit-limit-requests')).toMatch(/^\d+$/);
    expect(await res.json()).toMatchObject({
      error: { type: 'requests', code: 'rate_limit_exceeded' },
    });
  });

  it('answers 429 with anthropic-ratelimit-* headers in Anthropic shape', async () => {
    const res = await post(
      sim.url,
      '/v1/messages',
      { ...streamBody, max_tokens: 10 },
      fault('429'),
    );
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(res.headers.get('anthropic-ratelimit-requests-remaining')).toBe('0');
    expect(await res.json()).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
  });

  it('answers 500 and 503 in each provider shape', async () => {
    const openai = await post(sim.url, '/v1/chat/completions', streamBody, fault('500'));
    expect(openai.status).toBe(500);
    expect(await openai.json()).toMatchObject({ error: { type: 'server_error' } });
    const anthropic = await post(
      sim.url,
      '/v1/messages',
      { ...streamBody, max_tokens: 10 },
      fault('503'),
    );
    expect(anthropic.status).toBe(503);
    expect(await anthropic.json()).toMatchObject({
      type: 'error',
      error: { type: 'overloaded_error' },
    });
    const ollama = await post(sim.url, '/api/embed', { model: 'm', input: 'x' }, fault('500'));
    expect(ollama.status).toBe(500);
    expect(Object.keys((await ollama.json()) as object)).toEqual(['error']);
  });
});

describe('stream faults', () => {
  it('resets the connection after x-sim-fault-after tokens', async () => {
    const res = await post(
      sim.url,
      '/v1/chat/completions',
      streamBody,
      fault('reset', { 'x-sim-fault-after': '4' }),
    );
    expect(res.status).toBe(200);
    const { text, error } = await readAll(res);
    expect(error).toBeInstanceOf(Error);
    expect(text).not.toContain('[DONE]');
    expect(openAiChunks(text).length).toBeLessThanOrEqual(1 + 4);
  });

  it('sends one cut-off JSON chunk, then continues to [DONE]', async () => {
    const res = await post(
      sim.url,
      '/v1/chat/completions',
      streamBody,
      fault('malformed', { 'x-sim-fault-after': '2' }),
    );
    const events = parseSse(await res.text());
    const broken = events.filter((e) => {
      if (e.data === '[DONE]') return false;
      try {
        JSON.parse(e.data);
        return false;
      } catch {
        return true;
      }
    });
    expect(broken).toHaveLength(1);
    expect(events.indexOf(broken[0]!)).toBe(1 + 2);
    expect(events.at(-1)!.data).toBe('[DONE]');
  });

  it('ends the body cleanly but early, without the end marker, for truncate', async () => {
    const openai = await (
      await post(
        sim.url,
        '/v1/chat/completions',
        streamBody,
        fault('truncate', { 'x-sim-fault-after': '3' }),
      )
    ).text();
    expect(openai).not.toContain('[DONE]');
    expect(openAiChunks(openai)).toHaveLength(1 + 3);
    const anthropic = await (
      await post(sim.url, '/v1/messages', { ...streamBody, max_tokens: 10 }, fault('truncate'))
    ).text();
    expect(parseSse(anthropic).map((e) => e.event)).not.toContain('message_stop');
    const ollama = parseNdjson(
      await (await post(sim.url, '/api/chat', streamBody, fault('truncate'))).text(),
    );
    expect(ollama).toHaveLength(5);
    expect(ollama.every((line) => line.done === false)).toBe(true);
  });

  it('sends the provider in-band error and ends the stream for stream-error', async () => {
    const headers = fault('stream-error', { 'x-sim-fault-after': '2' });
    const openai = parseSse(
      await (await post(sim.url, '/v1/chat/completions', streamBody, headers)).text(),
    );
    expect(openai).toHaveLength(1 + 2 + 1);
    expect(JSON.parse(openai.at(-1)!.data)).toMatchObject({ error: { type: 'server_error' } });
    const anthropic = parseSse(
      await (
        await post(sim.url, '/v1/messages', { ...streamBody, max_tokens: 10 }, headers)
      ).text(),
    );
    expect(anthropic.at(-1)!.event).toBe('error');
    expect(JSON.parse(anthropic.at(-1)!.data)).toEqual({
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded' },
    });
    const ollama = parseNdjson(
      await (await post(sim.url, '/api/chat', streamBody, headers)).text(),
    );
    expect(ollama).toHaveLength(3);
    expect(Object.keys(ollama.at(-1)!)).toEqual(['error']);
    const whole = await post(sim.url, '/v1/chat/completions', chat('x'), fault('stream-error'));
    expect(whole.status).toBe(500);
  });

  it('holds the headers back for slow-headers, then answers normally', async () => {
    const res = await post(
      sim.url,
      '/v1/chat/completions',
      chat('x'),
      fault('slow-headers', { 'x-sim-slow-headers-ms': '50' }),
    );
    expect(res.status).toBe(200);
    expect(((await res.json()) as { object: string }).object).toBe('chat.completion');
  });
});

describe('body faults without streaming', () => {
  it('sends half a JSON body for malformed and drops the connection for reset and truncate', async () => {
    const malformed = await post(sim.url, '/v1/chat/completions', chat('x'), fault('malformed'));
    expect(malformed.status).toBe(200);
    await expect(malformed.json()).rejects.toThrow(SyntaxError);
    await expect(post(sim.url, '/v1/chat/completions', chat('x'), fault('reset'))).rejects.toThrow(
      TypeError,
    );
    const truncated = await post(
      sim.url,
      '/v1/embeddings',
      { model: 'm', input: 'x' },
      fault('truncate'),
    );
    expect((await readAll(truncated)).error).toBeInstanceOf(Error);
  });
});

describe('fault counting and rates', () => {
  it('counts every injected fault by mode', async () => {
    await using counted = await startSimulator({ responseTokens: 4 });
    for (const mode of FAULT_MODES) {
      const res = await post(counted.url, '/v1/chat/completions', chat('x', { stream: true }), {
        'x-sim-fault': mode,
        'x-sim-slow-headers-ms': '1',
      }).catch(() => undefined);
      if (res) await readAll(res);
    }
    const faults = (await counted.waitFor((s) => Object.values(s.faults).every((n) => n === 1)))
      .faults;
    expect(faults).toEqual(Object.fromEntries(FAULT_MODES.map((mode) => [mode, 1])));
  });

  it('injects faults into a seeded fraction of requests, the same ones on every run', async () => {
    const run = async (): Promise<number[]> => {
      await using flaky = await startSimulator({
        faultRate: 0.3,
        faultModes: ['500', '503'],
        seed: 5,
      });
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++)
        statuses.push((await post(flaky.url, '/v1/chat/completions', chat(`q${i}`))).status);
      const failed = statuses.filter((s) => s !== 200).length;
      expect(flaky.stats().faults['500'] + flaky.stats().faults['503']).toBe(failed);
      return statuses;
    };
    const first = await run();
    expect(first.filter((s) => s !== 200).length).toBeGreaterThan(0);
    expect(first.filter((s) => s !== 200).length).toBeLessThan(40);
    expect(await run()).toEqual(first);
  });

  it('lets x-sim-fault: none override a server-wide fault', async () => {
    await using broken = await startSimulator({ fault: '503' });
    expect((await post(broken.url, '/v1/chat/completions', chat('x'))).status).toBe(503);
    expect(
      (await post(broken.url, '/v1/chat/completions', chat('x'), { 'x-sim-fault': 'none' })).status,
    ).toBe(200);
  });
});
