import { describe, expect, it } from 'vitest';
import { startSimulator } from '../src/index.ts';
import { chat, post } from './helpers.ts';

describe('rate-limit headers and window', () => {
  it('reports decreasing remaining counts on normal responses', async () => {
    await using sim = await startSimulator({ rateLimit: { requests: 100, tokens: 100_000 } });
    const first = await post(sim.url, '/v1/chat/completions', chat('x'));
    const second = await post(sim.url, '/v1/chat/completions', chat('x'));
    expect(first.headers.get('x-ratelimit-limit-requests')).toBe('100');
    expect(first.headers.get('x-ratelimit-remaining-requests')).toBe('99');
    expect(second.headers.get('x-ratelimit-remaining-requests')).toBe('98');
    const tokensLeft = Number(second.headers.get('x-ratelimit-remaining-tokens'));
    expect(tokensLeft).toBeLessThan(Number(first.headers.get('x-ratelimit-remaining-tokens')));
    expect(first.headers.get('x-ratelimit-reset-requests')).toMatch(/^(\d+m)?\d+m?s$/);
    const anthropic = await post(sim.url, '/v1/messages', { ...chat('x'), max_tokens: 5 });
    expect(anthropic.headers.get('anthropic-ratelimit-requests-remaining')).toBe('97');
    expect(anthropic.headers.get('anthropic-ratelimit-requests-reset')).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
    );
  });

  it('refuses requests beyond the window with a real 429 and Retry-After', async () => {
    await using sim = await startSimulator({ rateLimit: { requests: 2, windowMs: 60_000 } });
    expect((await post(sim.url, '/v1/chat/completions', chat('x'))).status).toBe(200);
    expect((await post(sim.url, '/v1/chat/completions', chat('x'))).status).toBe(200);
    const refused = await post(sim.url, '/v1/chat/completions', chat('x'));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(sim.stats().rateLimited).toBe(1);
  });
});
