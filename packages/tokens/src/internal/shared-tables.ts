// The immutable data every tokenizer of a thread shares: the character-class table and, per
// encoding, the vocabulary (rank table plus its hash index). Loading them costs a few tens of
// milliseconds and ~5 MB, so they are loaded once per thread on first use and never change,
// like a module in require's cache; tokenizers keep only small scratch buffers of their own.
import { readFileSync } from 'node:fs';
import type { EncodingName } from '../encodings.ts';
import { decodeRankTable, ORDINARY_TOKENS } from './rank-table-format.ts';
import { buildClassTable } from './unicode-classes.ts';
import { Vocabulary } from './vocabulary.ts';

const loaded = new Map<string, Vocabulary | Uint8Array>();

/** The class of every code point (see char-classes.ts). */
export function sharedClassTable(): Uint8Array {
  let table = loaded.get('classes') as Uint8Array | undefined;
  if (!table) {
    table = buildClassTable();
    loaded.set('classes', table);
  }
  return table;
}

/** The vocabulary of `encoding`, read from the package's `tables/` directory. */
export function sharedVocabulary(encoding: EncodingName): Vocabulary {
  let vocab = loaded.get(encoding) as Vocabulary | undefined;
  if (!vocab) {
    // Same relative path from src/internal/*.ts and dist/internal/*.js.
    const file = new URL(`../../tables/${encoding}.bin`, import.meta.url);
    const table = decodeRankTable(readFileSync(file));
    if (table.count !== ORDINARY_TOKENS[encoding]) {
      throw new RangeError(`tables/${encoding}.bin holds ${table.count} tokens`);
    }
    vocab = new Vocabulary(table);
    loaded.set(encoding, vocab);
  }
  return vocab;
}
