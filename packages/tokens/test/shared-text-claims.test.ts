import { mixedCorpus, seededRandom } from '@hotpath/testing';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createTokenizer,
  createTokenWorkers,
  type EncodingName,
  TokenWorkerCrashedError,
} from '../src/index.ts';
import { BpeEngine } from '../src/internal/bpe.ts';
import { CLAIM_CHARS, claimCount, claimedPiece } from '../src/internal/text-claims.ts';
import { createTokenWorkersWith } from '../src/token-workers.ts';

// Texts built to put the claim windows on the boundaries a pre-tokenizer could merge across.
const ADVERSARIAL: Record<string, string> = {
  'long space runs': `a${' '.repeat(5_000)}b ${' '.repeat(3_001)}\n${' '.repeat(999)}Zed  x`,
  'single spaces between letters': 'a b c d e f g h i j k l m n o p '.repeat(300),
  'digit runs': `${'1234567890'.repeat(400)} 12 345 6789\n0${'9'.repeat(2_000)}\n7 x 8`,
  'digits after newlines': Array.from({ length: 800 }, (_, i) => `\n${i * 7919}`).join(''),
  'CJK without spaces': `${'我们今天讨论大型语言模型的缓存策略日本語のテキスト'.repeat(200)}a b\nc`,
  emoji: '👋🏽👨‍👩‍👧‍👦🇩🇪❤️‍🔥 a👋 b 🇯🇵\n😀x '.repeat(300),
  'CRLF lines': 'line one\r\nNext line\r\n\r\n42 apples\r\n  Indented\r\n'.repeat(250),
  'whitespace before newlines': '  \n\t\n \r\n\n\nA b  \n  c\n\n1 '.repeat(400),
  contractions: "it's don't 's 'S x'll WE'VE i'm 'd o'clock ".repeat(300),
  'combining marks': 'e\u0301 a\u0300b n\u0303 cafe\u0301 x\u0308y '.repeat(400),
  'special tokens and punctuation': '<|endoftext|> a<|im_start|>b ...!!! x /* y */\n//z '.repeat(
    300,
  ),
};

const ATOMS = [
  ' ',
  '  ',
  '   ',
  '\n',
  '\n\n',
  '\r\n',
  '\r',
  '\t',
  'a',
  'Zq',
  'x',
  '1',
  '234',
  '字',
  '漢字',
  '👋🏽',
  '🇩🇪',
  "'s",
  "'LL",
  '.',
  '!?',
  'é',
  'e\u0301',
  '<|endoftext|>',
  '/',
];

function fuzzText(seed: number, atoms: number): string {
  const random = seededRandom(seed);
  return Array.from({ length: atoms }, () => ATOMS[Math.floor(random() * ATOMS.length)]).join('');
}

function claimedRanges(text: string, size: number): [number, number][] {
  const ranges: [number, number][] = [];
  for (let k = 0; k < claimCount(text.length, size); k++) {
    const range = claimedPiece(text, k, size);
    if (range) ranges.push(range);
  }
  return ranges;
}

describe.each<EncodingName>(['o200k_base', 'cl100k_base'])('claimed pieces (%s)', (encoding) => {
  const tokenizer = createTokenizer({ encoding });
  const engine = new BpeEngine(encoding);

  // Both ways a thread can count a claim: the slice on its own, or the range of the whole text.
  function expectSumsOfClaims(text: string, size: number): number {
    const ranges = claimedRanges(text, size);
    const pieces = ranges.map(([start, end]) => text.slice(start, end));
    expect(pieces.join('')).toBe(text);
    const whole = tokenizer.count(text);
    expect(pieces.reduce((n, piece) => n + tokenizer.count(piece), 0)).toBe(whole);
    expect(ranges.reduce((n, [s, e]) => n + engine.countRange(text, s, e, Infinity), 0)).toBe(
      whole,
    );
    return ranges.length;
  }

  it('cover the mixed corpus exactly and their counts sum to the whole count', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const text = mixedCorpus(40_000, seed);
      for (const size of [16, 300, 4_096]) {
        expect(expectSumsOfClaims(text, size)).toBeGreaterThan(text.length / size / 4);
      }
    }
  });

  it.each(Object.entries(ADVERSARIAL))('agree with the whole count on %s', (_, text) => {
    for (const size of [1, 2, 3, 7, 64, 1_000]) expectSumsOfClaims(text, size);
  });

  it('agree with the whole count on random runs of tricky atoms, cut everywhere possible', () => {
    for (let seed = 1; seed <= 200; seed++) {
      expectSumsOfClaims(fuzzText(seed, 300), 1);
    }
  });
});

describe('long texts shared by the threads', () => {
  const workers = createTokenWorkers({ threads: 2, inlineThreshold: 1_000, batchChars: 4_096 });
  const inline = createTokenizer();
  afterAll(() => workers.close());

  it('count and encode every adversarial text exactly like inline, claim by claim', async () => {
    for (const sample of Object.values(ADVERSARIAL)) {
      const text = sample.repeat(5);
      const before = workers.stats();
      expect(await workers.count(text)).toBe(inline.count(text));
      const claims = claimCount(text.length, CLAIM_CHARS);
      // The second thread's copy is skipped when the first thread already took every claim.
      const tasks = workers.stats().tasks - before.tasks;
      expect(tasks).toBeGreaterThanOrEqual(1);
      expect(tasks).toBeLessThanOrEqual(Math.min(2, claims));
      expect(workers.stats().pieces - before.pieces).toBe(claims);
      expect([...(await workers.encode(text))]).toEqual([...inline.encode(text)]);
    }
  });

  it('stop at the limit across threads and answer exactly at it', async () => {
    const text = mixedCorpus(600_000, 5);
    const total = inline.count(text);
    expect(await workers.isWithinLimit(text, total)).toBe(total);
    expect(await workers.isWithinLimit(text, total - 1)).toBe(false);
    expect(await workers.isWithinLimit(text, 100)).toBe(false);
  });
});

it('rejects a shared text whose thread dies with TokenWorkerCrashedError and stays usable', async () => {
  const crashing = new URL('./fixtures/crashing-worker.ts', import.meta.url);
  await using workers = createTokenWorkersWith({ threads: 1, inlineThreshold: 0 }, crashing);
  const text = `CRASH ${mixedCorpus(300_000, 3)}`;
  await expect(workers.count(text)).rejects.toBeInstanceOf(TokenWorkerCrashedError);
  expect(await workers.count(text.slice(6))).toBe(createTokenizer().count(text.slice(6)));
  expect(workers.stats()).toMatchObject({ crashed: 1, threads: 1 });
});
