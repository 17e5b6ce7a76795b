import { createHash } from 'node:crypto';
import type { ChatMessage } from '@hotpath/protocol';
import { mixedCorpus } from '@hotpath/testing';
import { afterAll, describe, expect, it } from 'vitest';
import {
  compress,
  createTokenizer,
  createTokenWorkers,
  hash,
  TokensArgumentError,
  truncate,
} from '../src/index.ts';

const workers = createTokenWorkers({
  threads: 2,
  inlineThreshold: 1_000,
  hashInlineThreshold: 100_000,
  batchChars: 65_536,
});
const inline = createTokenizer();
afterAll(() => workers.close());

describe('token workers give the inline results', () => {
  const text = mixedCorpus(300_000, 11);

  it('counts, encodes and decodes a text cut into pieces across threads', async () => {
    expect(await workers.count(text)).toBe(inline.count(text));
    const tokens = await workers.encode(text);
    expect(tokens).toBeInstanceOf(Uint32Array);
    expect([...tokens]).toEqual([...inline.encode(text)]);
    expect(await workers.decode(tokens)).toBe(text);
    expect(workers.stats().pieces).toBeGreaterThan(4);
  });

  it('stops early with isWithinLimit and agrees with the inline answer', async () => {
    const total = inline.count(text);
    expect(await workers.isWithinLimit(text, total)).toBe(total);
    expect(await workers.isWithinLimit(text, total - 1)).toBe(false);
    expect(await workers.isWithinLimit(text, 10)).toBe(false);
  });

  it('counts chats, truncates and compresses like the inline functions', async () => {
    const messages: ChatMessage[] = [
      { role: 'system', content: mixedCorpus(5_000, 1) },
      ...Array.from(
        { length: 20 },
        (_, i): ChatMessage => ({
          role: i % 2 ? 'assistant' : 'user',
          content: mixedCorpus(3_000, i + 2),
        }),
      ),
    ];
    expect(await workers.countChat(messages)).toBe(inline.countChat(messages));
    const budget = Math.floor(inline.countChat(messages) / 2);
    expect(await workers.truncate(messages, budget)).toEqual(
      truncate(messages, budget, { tokenizer: inline }),
    );
    const prose = `Hello    world.\n\n\n\n${mixedCorpus(20_000, 4)}`;
    expect(await workers.compress(prose)).toEqual(compress(prose));
  });

  it('hashes large payloads on a thread with the same digests as inline', async () => {
    const big = mixedCorpus(400_000, 2);
    const bytes = new TextEncoder().encode(big);
    expect(await workers.hash(big)).toBe(createHash('sha256').update(big).digest('hex'));
    expect(await workers.hash(bytes, { algorithm: 'xxhash128' })).toBe(
      await hash(big, 'xxhash128'),
    );
    expect(await workers.hash(big, { algorithm: 'xxhash64' })).toBe(await hash(bytes, 'xxhash64'));
    expect(await workers.hash('small')).toBe(createHash('sha256').update('small').digest('hex'));
  });

  it('batches small calls made in the same tick into one round trip', async () => {
    const batching = createTokenWorkers({ threads: 1, inlineThreshold: 0 });
    try {
      const texts = Array.from({ length: 100 }, (_, i) => `small text number ${i}`);
      const counts = await Promise.all(texts.map((t) => batching.count(t)));
      expect(counts).toEqual(texts.map((t) => inline.count(t)));
      expect(batching.stats()).toMatchObject({ tasks: 1, pieces: 100, batched: 1, inline: 0 });
    } finally {
      await batching.close();
    }
  });

  it('answers small inputs inline without a round trip', async () => {
    const before = workers.stats();
    expect(await workers.count('tiny')).toBe(inline.count('tiny'));
    expect(workers.stats().tasks).toBe(before.tasks);
    expect(workers.stats().inline).toBe(before.inline + 1);
  });

  it('rejects bad input with TokensArgumentError', async () => {
    await expect(workers.count(7 as unknown as string)).rejects.toBeInstanceOf(TokensArgumentError);
    await expect(workers.decode(new Uint32Array(2_000).fill(4_000_000_000))).rejects.toBeInstanceOf(
      TokensArgumentError,
    );
    await expect(workers.hash(5 as unknown as string)).rejects.toThrow(/data must be/);
    expect(() => createTokenWorkers({ threads: 0 })).toThrow(/options.threads/);
  });
});
