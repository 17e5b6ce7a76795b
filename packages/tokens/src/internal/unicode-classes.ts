import { CLASS_RUNS } from './unicode-classes.generated.ts';

/**
 * The class (see char-classes.ts) of every code point from U+0000 to U+10FFFF, expanded from
 * the generated runs: 1.1 MB in shared memory (worker threads get it without a copy), built in
 * about a millisecond. Lone surrogates have class 0.
 */
export function buildClassTable(): Uint8Array {
  const table = new Uint8Array(new SharedArrayBuffer(0x110000));
  for (let i = 0; i < CLASS_RUNS.length; i += 2) {
    const end = i + 2 < CLASS_RUNS.length ? CLASS_RUNS[i + 2]! : table.length;
    table.fill(CLASS_RUNS[i + 1]!, CLASS_RUNS[i]!, end);
  }
  return table;
}
