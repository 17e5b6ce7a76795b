// The immutable data every tokenizer of a process shares: the character-class table and, per
// encoding, the vocabulary (token bytes plus their hash index). Building them costs tens of
// milliseconds and several MB, so a thread builds them once, on first use, and never changes
// them, like a module in require's cache; tokenizers keep only small scratch buffers of their
// own. They live in SharedArrayBuffers: a worker pool hands them to its threads as they start
// (adoptTables), so every thread reads the same memory instead of building a copy.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { EncodingName } from '../encodings.ts';
import { decodeRankTable, ORDINARY_TOKENS } from './rank-table-format.ts';
import { buildClassTable } from './unicode-classes.ts';
import { buildVocabularyData, Vocabulary, type VocabularyData } from './vocabulary.ts';

/** Tables as they travel to a worker thread (shared memory, not copied). */
export interface SharedTables {
  readonly classes: Uint8Array;
  readonly vocabularies: Partial<Record<EncodingName, VocabularyData>>;
}

let classes: Uint8Array | undefined;
const vocabularies = new Map<EncodingName, Vocabulary>();

/** The class of every code point (see char-classes.ts). */
export function sharedClassTable(): Uint8Array {
  classes ??= buildClassTable();
  return classes;
}

/** The vocabulary of `encoding`, read from the package's `tables/` directory on first use. */
export function sharedVocabulary(encoding: EncodingName): Vocabulary {
  let vocab = vocabularies.get(encoding);
  if (!vocab) {
    // Same relative path from src/internal/*.ts and dist/internal/*.js.
    const file = new URL(`../../tables/${encoding}.bin`, import.meta.url);
    const table = decodeRankTable(readShared(file));
    if (table.count !== ORDINARY_TOKENS[encoding]) {
      throw new RangeError(`tables/${encoding}.bin holds ${table.count} tokens`);
    }
    vocab = new Vocabulary(buildVocabularyData(table));
    vocabularies.set(encoding, vocab);
  }
  return vocab;
}

/** A file's bytes, read straight into shared memory (no second copy to collect later). */
function readShared(file: URL): Uint8Array {
  const fd = openSync(file, 'r');
  try {
    const bytes = new Uint8Array(new SharedArrayBuffer(fstatSync(fd).size));
    for (let at = 0; at < bytes.length; ) at += readSync(fd, bytes, at, bytes.length - at, at);
    return bytes;
  } finally {
    closeSync(fd);
  }
}

/** This thread's tables for `encodings` (loaded now if needed), to hand to worker threads. */
export function exportTables(encodings: readonly EncodingName[]): SharedTables {
  const out: Partial<Record<EncodingName, VocabularyData>> = {};
  for (const encoding of encodings) out[encoding] = sharedVocabulary(encoding).data;
  return { classes: sharedClassTable(), vocabularies: out };
}

/** Uses tables another thread built (see {@link exportTables}) instead of building them here. */
export function adoptTables(tables: SharedTables): void {
  classes ??= tables.classes;
  for (const [encoding, data] of Object.entries(tables.vocabularies)) {
    if (data && !vocabularies.has(encoding as EncodingName)) {
      vocabularies.set(encoding as EncodingName, new Vocabulary(data));
    }
  }
}
