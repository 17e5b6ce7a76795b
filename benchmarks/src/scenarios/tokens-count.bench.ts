// Inline token counting, @hotpath/tokens against tiktoken (WASM), gpt-tokenizer and js-tiktoken,
// for o200k_base and cl100k_base. Items are tokens.
//
// Fresh text (the figure that matters): every call of every task counts a 64 KB text it has
// never seen — prose in fourteen languages, code with freshly made identifiers, JSON, logs,
// CSV, URLs, UUIDs, hashes, Markdown with white-space runs, emoji (fixtures/fresh-text.ts) —
// from a seed that is fresh per run, so no memo answers from an earlier call or round.
//
// Repetitive text (labelled as such): one 256 KB text stitched from the same few dozen
// hand-written samples, counted over and over, as the previous version of this benchmark did.
// Memos answer almost every chunk of it; it shows how much a memo helps, not the tokenizer.

import type { Scenario } from '@hotpath/bench';
import { mixedCorpus } from '@hotpath/testing';
import { createTokenizer, type EncodingName } from '@hotpath/tokens';
import gptCl100k from 'gpt-tokenizer/encoding/cl100k_base';
import gptO200k from 'gpt-tokenizer/encoding/o200k_base';
import { Tiktoken as JsTiktoken } from 'js-tiktoken/lite';
import cl100kRanks from 'js-tiktoken/ranks/cl100k_base';
import o200kRanks from 'js-tiktoken/ranks/o200k_base';
import { get_encoding, type Tiktoken } from 'tiktoken';
import { FreshText } from '../fixtures/fresh-text.ts';
import { suiteArgs, TextFeed, textsNeeded } from '../fixtures/text-feed.ts';

type Count = (text: string) => number;

const { smoke } = suiteArgs();
const FRESH_CHARS = smoke ? 8_192 : 65_536;
const noSpecial = { disallowedSpecial: new Set<string>() };

function peersFor(encoding: EncodingName): { peers: Record<string, Count>; free: () => void } {
  const tiktoken: Tiktoken = get_encoding(encoding);
  const gpt = encoding === 'o200k_base' ? gptO200k : gptCl100k;
  const js = new JsTiktoken(encoding === 'o200k_base' ? o200kRanks : cl100kRanks);
  return {
    peers: {
      'tiktoken (WASM)': (text) => tiktoken.encode_ordinary(text).length,
      'gpt-tokenizer': (text) => gpt.countTokens(text, noSpecial),
      'js-tiktoken': (text) => js.encode(text, [], []).length,
    },
    free: () => tiktoken.free(),
  };
}

/** Chars/s of `count` on fresh text, after a short warm-up: sizes the run's text supply. */
function calibrate(count: Count, feed: TextFeed): number {
  const sample = new FreshText(1);
  for (let i = 0; i < 3; i++) count(sample.text(feed.chars));
  const text = sample.text(feed.chars);
  const started = performance.now();
  count(text);
  return feed.chars / Math.max(1e-3, (performance.now() - started) / 1000);
}

function freshScenario(encoding: EncodingName): Scenario {
  const hotpath = createTokenizer({ encoding });
  const { peers, free } = peersFor(encoding);
  const feed = new TextFeed(`tokens-count ${encoding}`, FRESH_CHARS);
  const average = new FreshText(2).text(FRESH_CHARS * 8);
  const tasks: Record<string, () => number> = {};
  const readers = new Map<string, () => string>();
  for (const [name, count] of Object.entries({
    hotpath: (t: string) => hotpath.count(t),
    ...peers,
  })) {
    tasks[name] = () => count(readers.get(name)!());
  }
  return {
    name: `tokens: count fresh ${FRESH_CHARS / 1024} KB texts, a new one per call (${encoding}), tokens/s`,
    itemsPerCall: Math.round(hotpath.count(average) / 8),
    tasks,
    targets: [
      { task: 'hotpath', peer: 'tiktoken (WASM)', min: 1.0 },
      { task: 'hotpath', peer: 'gpt-tokenizer', min: 1.2 },
      { task: 'hotpath', peer: 'js-tiktoken', min: 1.0 },
    ],
    setup: () => {
      feed.prepare(textsNeeded(feed, 1.5 * calibrate((t) => hotpath.count(t), feed)));
      for (const name of Object.keys(tasks)) readers.set(name, feed.reader());
      for (let k = 0; k < 3; k++) {
        const text = feed.text(k);
        const expected = peers['tiktoken (WASM)']!(text);
        for (const [name, count] of Object.entries({
          hotpath: (t: string) => hotpath.count(t),
          ...peers,
        })) {
          const n = count(text);
          if (n !== expected) throw new Error(`${name} counted ${n} tokens, tiktoken ${expected}`);
        }
      }
    },
    teardown: () => {
      feed.release();
      free();
    },
  };
}

function repetitiveScenario(): Scenario {
  const encoding: EncodingName = 'o200k_base';
  const hotpath = createTokenizer({ encoding });
  const { peers, free } = peersFor(encoding);
  const text = mixedCorpus(smoke ? 16_384 : 262_144, 42);
  const tokens = hotpath.count(text);
  const tasks: Record<string, () => number> = { hotpath: () => hotpath.count(text) };
  for (const name of ['tiktoken (WASM)', 'gpt-tokenizer']) {
    const n = peers[name]!(text);
    if (n !== tokens) throw new Error(`${name} counted ${n} tokens, hotpath ${tokens}`);
    tasks[name] = () => peers[name]!(text);
  }
  return {
    name: `tokens: count one repetitive ${(text.length / 1024) | 0} KB text over and over (memo-friendly; ${encoding}), tokens/s`,
    itemsPerCall: tokens,
    tasks,
    targets: [
      { task: 'hotpath', peer: 'tiktoken (WASM)', min: 1.0 },
      { task: 'hotpath', peer: 'gpt-tokenizer', min: 1.0 },
    ],
    teardown: free,
  };
}

export default [freshScenario('o200k_base'), freshScenario('cl100k_base'), repetitiveScenario()];
