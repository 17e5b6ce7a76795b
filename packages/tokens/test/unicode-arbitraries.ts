// fast-check generators of text that stresses a tokenizer: every Unicode plane, white space
// in both JavaScript's and Unicode's sense, format and control characters, combining
// sequences, emoji sequences (ZWJ, skin tones, flags, keycaps, tags), unpaired surrogates,
// contractions (with the long s), special-token strings, digits of many scripts, and long runs.
import fc from 'fast-check';

const cp = (...points: number[]): string => String.fromCodePoint(...points);

/** Unicode White_Space, plus what JavaScript's `\s` adds (U+FEFF) and near misses. */
const SPACES = [
  ...'\t\n\u000b\f\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000',
  '\ufeff', // JavaScript white space, not Unicode White_Space
  '\u180e', // was Zs before Unicode 6.3
  '\u200b', // zero width space: a format character
  '\u001c',
  '\u001d',
  '\u001e',
  '\u001f', // Python's isspace(), not White_Space
  '\r\n',
];
const FORMAT = [
  '\u00ad',
  '\u061c',
  '\u200c',
  '\u200d',
  '\u200e',
  '\u200f',
  '\u202a',
  '\u202e',
  '\u2060',
  '\u2066',
  '\u2069',
  '\ufff9',
  '\ufffb',
  cp(0x110bd),
  cp(0x1bca0),
  cp(0xe0001),
  cp(0xe0020),
  cp(0xe007f),
];
const CONTROLS = ['\u0000', '\u0001', '\u0007', '\u001b', '\u007f', '\u0080', '\u0090', '\u009f'];
const MARKS = [
  '\u0301',
  '\u0308',
  '\u0327',
  '\u036f',
  '\u0489',
  '\u093f',
  '\u094d',
  '\u0e31',
  '\u1ab0',
  '\u20dd',
  '\u20e3',
  '\ufe0f',
  '\ufe0e',
  '\ufe20',
  cp(0x1d167),
  cp(0xe0100),
];
const LETTERS = [
  'a',
  'Z',
  'é',
  'ß',
  'ǅ' /* Lt */,
  'ʰ' /* Lm */,
  'ª' /* Lo */,
  'ſ',
  'İ',
  'ı',
  'Ω',
  'ж',
  'Ж',
  'א',
  'ب',
  'अ',
  'ก',
  '中',
  'の',
  'カ',
  '한',
  'ᄀ',
  cp(0x10400),
  cp(0x1d400),
  cp(0x20000),
  cp(0x2a6df),
  cp(0x31350),
];
const NUMBERS = [
  '0',
  '7',
  '٣',
  '۵',
  '७',
  '๙',
  '５',
  'Ⅻ',
  '½',
  '²',
  '①',
  cp(0x1d7ce),
  cp(0x10107),
  cp(0x1f10b),
];
const EMOJI = [
  '👋🏽',
  '👨‍👩‍👧‍👦',
  '🧑🏿‍💻',
  '❤️‍🔥',
  '🏳️‍🌈',
  '🇩🇪',
  '🇺🇳',
  '1️⃣',
  '#️⃣',
  '😀',
  '🫠',
  cp(0x1f3f4, 0xe0067, 0xe0062, 0xe0073, 0xe0063, 0xe0074, 0xe007f), // flag of Scotland (tags)
  '\u{1f1e6}', // a lone regional indicator
];
const SPECIALS = [
  '<|endoftext|>',
  '<|endofprompt|>',
  '<|fim_prefix|>',
  '<|fim_middle|>',
  '<|fim_suffix|>',
  '<|im_start|>',
  '<|im_end|>',
  '<|im_sep|>',
  '<|',
  '|>',
];
const CONTRACTIONS = [
  "'s",
  "'S",
  "'ſ",
  "'t",
  "'re",
  "'RE",
  "'Ve",
  "'m",
  "'ll",
  "'lL",
  "'d",
  "'",
  "''",
  '’s',
];
const PUNCT = [
  ...'.,;:!?-_/\\\'"`()[]{}<>@#$%^&*+=|~',
  '...',
  '//',
  '/*',
  '*/',
  '\u2014',
  '\u00bf',
  '\u3002',
  '\ufffd',
];
const SURROGATES = ['\ud800', '\udbff', '\udc00', '\udfff', '\ud83d', '\ude00'];

/** Any code point from any plane, or any UTF-16 code unit (so lone surrogates too). */
const anyCodePoint = fc.oneof(
  fc
    .integer({ min: 0, max: 0x10ffff })
    .filter((n) => n < 0xd800 || n > 0xdfff)
    .map((n) => cp(n)),
  fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)),
  fc
    .integer({ min: 0, max: 0x2ffff })
    .filter((n) => n < 0xd800 || n > 0xdfff)
    .map((n) => cp(n)),
);

/** One fragment: a character of an interesting kind, a short ASCII word, or a run. */
export const fragment: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...SPACES) },
  { weight: 2, arbitrary: fc.constantFrom(...FORMAT) },
  { weight: 1, arbitrary: fc.constantFrom(...CONTROLS) },
  { weight: 3, arbitrary: fc.constantFrom(...MARKS) },
  { weight: 6, arbitrary: fc.constantFrom(...LETTERS) },
  { weight: 3, arbitrary: fc.constantFrom(...NUMBERS) },
  { weight: 2, arbitrary: fc.constantFrom(...EMOJI) },
  { weight: 1, arbitrary: fc.constantFrom(...SPECIALS) },
  { weight: 2, arbitrary: fc.constantFrom(...CONTRACTIONS) },
  { weight: 3, arbitrary: fc.constantFrom(...PUNCT) },
  { weight: 2, arbitrary: fc.constantFrom(...SURROGATES) },
  { weight: 5, arbitrary: anyCodePoint },
  { weight: 6, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 8 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom(' ', '\n', 'a', '9', '中', '.', '\u0301', '\t', ' \n', '🚀'),
        fc.integer({ min: 2, max: 300 }),
      )
      .map(([unit, n]) => unit.repeat(n)),
  },
);

/** A text of up to 40 fragments. */
export const tokenizerText: fc.Arbitrary<string> = fc
  .array(fragment, { maxLength: 40 })
  .map((parts) => parts.join(''));
