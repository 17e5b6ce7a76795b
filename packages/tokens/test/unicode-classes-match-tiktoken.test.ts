import { get_encoding } from 'tiktoken';
import { describe, expect, it } from 'vitest';
import { createTokenizer, ENCODINGS } from '../src/index.ts';
import { CLASS_RUNS } from '../src/internal/unicode-classes.generated.ts';

// Each code point is placed in contexts where its class decides the chunking: after a space,
// between letters, doubled before a word, between digits, after an apostrophe and before a
// line break. With Node's own `\p{…}`/`\s` (Unicode 17, JavaScript's white space) 4,701 code
// points tokenize differently from tiktoken in these contexts; with the shipped tables none do.
// (Probing all 1.1 M code points takes minutes; the classes themselves are checked against
// the Unicode 16.0 data in shipped-tables.test.ts, so this samples them.)
const probes = (c: string): string =>
  `\nq ${c}\nqa${c}b\nq${c}${c} x\nq1${c}2\nq'${c}\nqx ${c}\n\nq${c}'s\nq  ${c}`;

/** Both sides of every class boundary, every 11th code point of planes 0–1, every 61st beyond. */
function codePoints(): number[] {
  const points = new Set<number>();
  for (let cp = 0; cp < 0x20000; cp += 11) points.add(cp);
  for (const cp of [0x85, 0xa0, 0x180e, 0x200b, 0xfeff, 0x17f, 0x212a]) points.add(cp);
  for (let i = 0; i < CLASS_RUNS.length; i += 2) {
    const start = CLASS_RUNS[i]!;
    for (const cp of [start - 1, start, start + 1]) if (cp >= 0 && cp <= 0x10ffff) points.add(cp);
  }
  for (let cp = 0x20000; cp <= 0x10ffff; cp += 61) points.add(cp);
  return [...points].filter((cp) => cp < 0xd800 || cp > 0xdfff);
}

describe.each(ENCODINGS)('%s', (encoding) => {
  it('classifies code points as tiktoken does: every class boundary, and a sample of every plane', () => {
    const tokenizer = createTokenizer({ encoding });
    const reference = get_encoding(encoding);
    const points = codePoints();
    const wrong: string[] = [];
    try {
      // Batches of 512 code points: one call each, then per code point only where they differ.
      for (let i = 0; i < points.length; i += 512) {
        const batch = points.slice(i, i + 512);
        const text = batch.map((cp) => probes(String.fromCodePoint(cp))).join('');
        if (
          tokenizer.count(text) === reference.encode_ordinary(text).length &&
          sameIds(tokenizer.encode(text), reference.encode_ordinary(text))
        )
          continue;
        for (const cp of batch) {
          const one = probes(String.fromCodePoint(cp));
          if (!sameIds(tokenizer.encode(one), reference.encode_ordinary(one)))
            wrong.push(cp.toString(16));
        }
      }
    } finally {
      reference.free();
    }
    expect(wrong).toEqual([]);
  }, 120_000);
});

function sameIds(a: Uint32Array, b: Uint32Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
