import { readFileSync } from 'node:fs';
import { get_encoding } from 'tiktoken';
import { describe, expect, it } from 'vitest';
import { classRuns, contractionFolds } from '../scripts/unicode-data.ts';
import { ENCODINGS } from '../src/index.ts';
import { decodeRankTable, ORDINARY_TOKENS } from '../src/internal/rank-table-format.ts';
import { CLASS_RUNS, CONTRACTION_FOLDS } from '../src/internal/unicode-classes.generated.ts';

describe.each(ENCODINGS)('tables/%s.bin', (encoding) => {
  it('holds every ordinary token of tiktoken, byte for byte, at its rank', () => {
    const file = new URL(`../tables/${encoding}.bin`, import.meta.url);
    const { count, offsets, bytes } = decodeRankTable(readFileSync(file));
    expect(count).toBe(ORDINARY_TOKENS[encoding]);
    const reference = get_encoding(encoding);
    try {
      let mismatches = 0;
      for (let rank = 0; rank < count; rank++) {
        const expected = reference.decode_single_token_bytes(rank);
        const actual = bytes.subarray(offsets[rank]!, offsets[rank + 1]!);
        if (Buffer.compare(actual, expected) !== 0) mismatches++;
      }
      expect(mismatches).toBe(0);
    } finally {
      reference.free();
    }
  });
});

describe('unicode-classes.generated.ts', () => {
  it('is what scripts/generate-tables.ts derives from the Unicode 16.0 Character Database', async () => {
    expect(CLASS_RUNS).toEqual(await classRuns());
    expect(CONTRACTION_FOLDS).toEqual(await contractionFolds('stremvld'));
  });
});
