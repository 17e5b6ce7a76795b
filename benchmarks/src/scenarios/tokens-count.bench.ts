// Inline token counting of a mixed English/code/multilingual corpus (o200k_base):
// @hotpath/tokens against gpt-tokenizer, tiktoken (WASM) and js-tiktoken. Items are tokens.
// The harness runs at least 64 calls per task per round, so the corpora are sized to keep a
// 10-round run within minutes: 256 KB for the fast peers, 64 KB with js-tiktoken (≈10× slower).

import type { Scenario } from '@hotpath/bench';
import { mixedCorpus } from '@hotpath/testing';
import { createTokenizer } from '@hotpath/tokens';
import gptTokenizer from 'gpt-tokenizer/encoding/o200k_base';
import { Tiktoken as JsTiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { get_encoding } from 'tiktoken';

const smoke = process.argv.includes('--smoke');
const hotpath = createTokenizer({ encoding: 'o200k_base' });
const tiktoken = get_encoding('o200k_base');
const jsTiktoken = new JsTiktoken(o200k);
const noSpecial = { disallowedSpecial: new Set<string>() };

const peers = {
  'gpt-tokenizer': (text: string) => gptTokenizer.countTokens(text, noSpecial),
  tiktoken: (text: string) => tiktoken.encode_ordinary(text).length,
  'js-tiktoken': (text: string) => jsTiktoken.encode(text, [], []).length,
};

function scenario(chars: number, names: (keyof typeof peers)[]): Scenario {
  const text = mixedCorpus(chars, 42);
  const tokens = hotpath.count(text);
  const tasks: Record<string, () => number> = { hotpath: () => hotpath.count(text) };
  for (const name of names) {
    const n = peers[name](text);
    if (n !== tokens) throw new Error(`${name} counted ${n} tokens, hotpath ${tokens}`);
    tasks[name] = () => peers[name](text);
  }
  return {
    name: `tokens: count ${(text.length / 1024) | 0} KB of mixed text (o200k_base), tokens/s`,
    itemsPerCall: tokens,
    tasks,
    targets: names.map((peer) => ({ task: 'hotpath', peer, min: 0.95 })),
  };
}

export default [
  scenario(smoke ? 16_384 : 262_144, ['gpt-tokenizer', 'tiktoken']),
  { ...scenario(smoke ? 4_096 : 65_536, ['js-tiktoken']), teardown: () => tiktoken.free() },
];
