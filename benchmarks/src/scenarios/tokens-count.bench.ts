// Inline token counting of a mixed English/code/multilingual corpus (o200k_base):
// @hotpath/tokens against gpt-tokenizer, tiktoken (WASM) and js-tiktoken. Items are tokens.
import { mixedCorpus } from '@hotpath/testing';
import { createTokenizer } from '@hotpath/tokens';
import gptTokenizer from 'gpt-tokenizer/encoding/o200k_base';
import { Tiktoken as JsTiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { get_encoding } from 'tiktoken';
import type { Scenario } from '../harness.ts';

const smoke = process.argv.includes('--smoke');
const text = mixedCorpus(smoke ? 65_536 : 1_048_576, 42);
const hotpath = createTokenizer({ encoding: 'o200k_base' });
const tiktoken = get_encoding('o200k_base');
const jsTiktoken = new JsTiktoken(o200k);
const noSpecial = { disallowedSpecial: new Set<string>() };
const tokens = hotpath.count(text);

for (const [name, n] of [
  ['gpt-tokenizer', gptTokenizer.countTokens(text, noSpecial)],
  ['tiktoken', tiktoken.encode_ordinary(text).length],
  ['js-tiktoken', jsTiktoken.encode(text, [], []).length],
] as const) {
  if (n !== tokens) throw new Error(`${name} counted ${n} tokens, hotpath ${tokens}`);
}

const scenario: Scenario = {
  name: `tokens: count ${(text.length / 1024) | 0} KB of mixed text (o200k_base), tokens/s`,
  itemsPerCall: tokens,
  tasks: {
    hotpath: () => hotpath.count(text),
    'gpt-tokenizer': () => gptTokenizer.countTokens(text, noSpecial),
    tiktoken: () => tiktoken.encode_ordinary(text).length,
    'js-tiktoken': () => jsTiktoken.encode(text, [], []).length,
  },
  targets: [
    { peer: 'gpt-tokenizer', min: 0.95 },
    { peer: 'tiktoken', min: 0.95 },
    { peer: 'js-tiktoken', min: 0.95 },
  ],
  teardown: () => tiktoken.free(),
};

export default scenario;
