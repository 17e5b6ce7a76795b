// Fitting a 2,000-message chat history of short messages into a budget that forces 25 drops
// (smoke: 200 messages, 3 drops; the harness runs at least 64 calls per task per round): @hotpath/tokens
// truncate (each message counted once, then one O(n) pass; a fresh tokenizer per call, so no
// memo survives between calls) against the naive loop that re-counts the whole history with
// gpt-tokenizer after every drop.

import type { Scenario } from '@hotpath/bench';
import type { ChatMessage } from '@hotpath/protocol';
import { mixedCorpus, seededRandom } from '@hotpath/testing';
import { createTokenizer, truncate } from '@hotpath/tokens';
import gptTokenizer from 'gpt-tokenizer/encoding/o200k_base';

const smoke = process.argv.includes('--smoke');
const random = seededRandom(2_000);
const history: ChatMessage[] = [{ role: 'system', content: 'You are a helpful assistant.' }];
for (let i = 0; i < (smoke ? 199 : 1_999); i++) {
  const content = mixedCorpus(8 + Math.floor(random() * 50), i + 1).slice(0, 60);
  history.push(i % 2 === 0 ? { role: 'user', content } : { role: 'assistant', content });
}
const noSpecial = { disallowedSpecial: new Set<string>() };
const messageTokens = (m: ChatMessage): number =>
  3 +
  gptTokenizer.countTokens(m.role, noSpecial) +
  gptTokenizer.countTokens(m.content as string, noSpecial);
const full = createTokenizer({ model: 'gpt-4o' }).countChat(history);
const drops = smoke ? 3 : 25;
const budget = full - drops * 20;

function naive(messages: readonly ChatMessage[]): ChatMessage[] {
  const kept = [...messages];
  const count = (): number => 3 + kept.reduce((sum, m) => sum + messageTokens(m), 0);
  while (count() > budget) {
    const oldest = kept.findIndex((m) => m.role !== 'system');
    kept.splice(oldest, 1);
  }
  return kept;
}

const expected = naive(history).length;
const ours = truncate(history, budget, { model: 'gpt-4o' }).messages.length;
if (ours !== expected) throw new Error(`truncate kept ${ours}, naive kept ${expected}`);

const scenario: Scenario = {
  name: `tokens: truncate a ${history.length}-message history (${history.length - expected} drops), calls/s`,
  tasks: {
    hotpath: () => truncate(history, budget, { tokenizer: createTokenizer({ model: 'gpt-4o' }) }),
    'recount per drop (gpt-tokenizer)': () => naive(history),
  },
  // The 20× target needs the full history's 25 drops; a smoke run only checks that it runs.
  ...(smoke
    ? {}
    : { targets: [{ task: 'hotpath', peer: 'recount per drop (gpt-tokenizer)', min: 20 }] }),
};

export default scenario;
