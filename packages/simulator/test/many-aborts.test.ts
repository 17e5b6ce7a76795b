import { describe, expect, it } from 'vitest';
import { startSimulator } from '../src/index.ts';
import { chat, post, readUntil } from './helpers.ts';

describe('many aborted streams', () => {
  it('counts 200 client aborts and is left with no active stream or connection', async () => {
    await using sim = await startSimulator({ tokensPerSecond: 20, responseTokens: 10_000 });
    const batch = async (): Promise<void> => {
      const controller = new AbortController();
      const res = await post(
        sim.url,
        '/v1/chat/completions',
        chat('x', { stream: true }),
        {},
        controller.signal,
      );
      await readUntil(res.body!.getReader(), (text) => text.includes('"content":"'));
      controller.abort();
    };
    for (let round = 0; round < 4; round++) await Promise.all(Array.from({ length: 50 }, batch));
    const stats = await sim.waitFor((s) => s.streamsAborted === 200 && s.activeConnections === 0);
    expect(stats).toMatchObject({ streamsStarted: 200, streamsCompleted: 0, activeStreams: 0 });
    // Every stream sent its first token(s) and then stopped: far fewer than 200 full answers.
    expect(stats.tokensSent).toBeLessThan(200 * 100);
  });
});
