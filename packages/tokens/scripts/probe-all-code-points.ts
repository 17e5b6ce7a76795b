// Every code point from U+0000 to U+10FFFF (surrogates excluded), each in the contexts of
// test/unicode-classes-match-tiktoken.test.ts, against tiktoken, for both encodings. The test
// samples; this covers all 1,112,064 code points and takes a few minutes.
//   node --conditions=@hotpath/source packages/tokens/scripts/probe-all-code-points.ts
import { get_encoding } from 'tiktoken';
import { createTokenizer, ENCODINGS } from '../src/index.ts';

const probes = (c: string): string =>
  `\nq ${c}\nqa${c}b\nq${c}${c} x\nq1${c}2\nq'${c}\nqx ${c}\n\nq${c}'s\nq  ${c}`;
const same = (a: Uint32Array, b: Uint32Array): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

let failures = 0;
for (const encoding of ENCODINGS) {
  const tokenizer = createTokenizer({ encoding });
  const reference = get_encoding(encoding);
  const wrong: number[] = [];
  for (let first = 0; first <= 0x10ffff; first += 1024) {
    const batch: number[] = [];
    for (let cp = first; cp < first + 1024 && cp <= 0x10ffff; cp++) {
      if (cp < 0xd800 || cp > 0xdfff) batch.push(cp);
    }
    const text = batch.map((cp) => probes(String.fromCodePoint(cp))).join('');
    if (same(tokenizer.encode(text), reference.encode_ordinary(text))) continue;
    for (const cp of batch) {
      const one = probes(String.fromCodePoint(cp));
      if (!same(tokenizer.encode(one), reference.encode_ordinary(one))) wrong.push(cp);
    }
  }
  reference.free();
  failures += wrong.length;
  console.log(
    `${encoding}: ${wrong.length} code points differ${
      wrong.length
        ? `: ${wrong
            .slice(0, 20)
            .map((cp) => cp.toString(16))
            .join(' ')}`
        : ''
    }`,
  );
}
process.exitCode = failures === 0 ? 0 : 1;
