// A deterministic mixed-language, mixed-format text corpus for tokenizer tests and benchmarks.
// Every piece is written here by hand; a seeded generator stitches them together, so the same
// (size, seed) always yields the same text and nothing is downloaded.

const PROSE = [
  "The quick brown fox jumps over the lazy dog. It's a pangram, and we've used it since the 1880s.",
  'Caching an LLM response saves money only when the key is normalised: the same prompt, written twice, must hash to the same value.',
  "Don't block the event loop! WE'LL SAY IT AGAIN: they're SHOUTING because it's IMPORTANT, isn't it?",
  'In 2024, 1,234,567 requests cost $3,141.59 — roughly 0.00254 USD each (±3.5%).',
  'Mr. O\'Neill said: "Tokenizers split text into pieces; BPE then merges byte pairs by rank."',
];

const MULTILINGUAL = [
  'Der Bäcker öffnet um 6 Uhr. Größere Brötchen kosten 0,45 €; Straße, Fußgänger, Übermaß.',
  "L'été dernier, nous sommes allés à Montréal ; c'était génial — très, très chaud !",
  'Быстрая коричневая лиса прыгает через ленивую собаку. Съешь же ещё этих мягких французских булок.',
  '我们今天讨论大型语言模型的缓存策略。分词器把文本切成片段，再按字节对合并。',
  '日本語のテキストも正しく数える必要があります。カタカナ、ひらがな、漢字が混ざっています。',
  '한국어 문장도 포함합니다. 토큰 수는 정확해야 합니다.',
  'مرحبا بالعالم! هذه جملة باللغة العربية لاختبار المقسم.',
  'नमस्ते दुनिया। यह हिंदी में एक वाक्य है जिसमें मात्राएँ और संयुक्ताक्षर हैं।',
  'Ελληνικά: Η γρήγορη καφέ αλεπού πηδά πάνω από τον τεμπέλη σκύλο.',
  'Emoji: 👋🏽 hello 👨‍👩‍👧‍👦 family, 🇩🇪 flag, ❤️‍🔥 and café (e\u0301) with a combining accent.',
  'Tiếng Việt có dấu: Tôi yêu những con đường nhỏ ở Hà Nội.',
];

const CODE = [
  'export function add(a: number, b: number): number {\n  return a + b;\n}\n',
  'def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\n\n\nprint([fib(i) for i in range(10)])\n',
  'services:\n  web:\n    image: "nginx:1.27"\n    ports:\n      - "8080:80"\n    command: |\n      echo hello\n\n      echo world\n',
  'build: main.o util.o\n\tcc -o app main.o util.o\n\n%.o: %.c\n\tcc -c $< -o $@\n',
  '{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}],"temperature":0.2,"max_tokens":256}\n',
  "SELECT id, name FROM users WHERE created_at >= '2024-01-01' ORDER BY id DESC LIMIT 100;\n",
  "const re = /^(?:[a-z0-9!#$%&'*+/=?^_`{|}~-]+)@example\\.com$/i; // RFC-ish\n",
  '<div class="card"><a href="https://example.com/a/b?c=1&d=2#top">link</a></div>\r\n',
];

const EDGES = [
  'Special-token strings are text here: <|endoftext|> and <|im_start|>user<|im_end|> and <|fim_prefix|>.',
  'Whitespace:   three spaces,\ttab,\t\ttwo tabs, trailing spaces   \n\n\n\nfour newlines, then \r\n CRLF.',
  'Numbers: 1234567890123 3.14159265358979 0xDEADBEEF 1e-10 007 2,000,000',
  "Contractions: I'M, YOU'RE, she'S, they'Ve, it'D, we'LL, don'T, o'clock, rock'n'roll",
  'Punctuation runs: ...!!!???---___***///\\\\|||~~~```\n/* comment */ // another\n',
  'Long word: pneumonoultramicroscopicsilicovolcanoconiosis antidisestablishmentarianism',
];

const GROUPS = [PROSE, MULTILINGUAL, CODE, EDGES];

/** A small seeded PRNG (mulberry32): deterministic and fast. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

const SEPARATORS = ['\n\n', '\n', ' ', '\n\n\n', '  ', '\t'];

/**
 * Every hand-written sample of the corpus, once each: English prose, code (TypeScript, Python,
 * YAML, Makefile, JSON, SQL, HTML), nine other languages and scripts, emoji and edge cases.
 */
export function corpusSamples(): readonly string[] {
  return GROUPS.flat();
}

/**
 * A mixed English/code/multilingual text of at least `minChars` UTF-16 code units, built from
 * {@link corpusSamples} in a seeded random order with random separators.
 */
export function mixedCorpus(minChars: number, seed = 1): string {
  const random = seededRandom(seed);
  const parts: string[] = [];
  let length = 0;
  while (length < minChars) {
    const part = pick(pick(GROUPS, random), random) + pick(SEPARATORS, random);
    parts.push(part);
    length += part.length;
  }
  return parts.join('');
}
