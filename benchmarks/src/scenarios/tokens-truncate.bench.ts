// truncate on realistic chat histories (fixtures/chat-history.ts: tool calls with JSON
// arguments, tool results, short replies and long pasted documents), a new history of new
// message objects for every call, from fresh text: no per-message memo has seen any of them.
//
// Linearity: 8,000 messages against 2,000, with a fresh tokenizer per call and with one
// tokenizer reused across calls; the time at 8,000 must stay within 4.5× the time at 2,000
// (a throughput ratio of at least 1 / 4.5). Two budgets: a 128k-token context window (most of
// the history is dropped) and one that keeps everything (every message is counted).
//
// Against the naive loop: a 2,000-message history of short messages cut by 25 drops,
// re-counting the whole history with gpt-tokenizer after every drop.

import { createRandom, type Scenario } from '@hotpath/bench';
import type { ChatMessage } from '@hotpath/protocol';
import { createTokenizer, type Tokenizer, truncate } from '@hotpath/tokens';
import gptTokenizer from 'gpt-tokenizer/encoding/o200k_base';
import { ContentPool } from '../fixtures/chat-history.ts';
import { FreshText } from '../fixtures/fresh-text.ts';
import { runSeed, suiteArgs } from '../fixtures/text-feed.ts';

const { smoke, rounds, timeMs } = suiteArgs();
const SMALL = smoke ? 200 : 2_000;
const LARGE = smoke ? 800 : 8_000;
const WINDOW = 128_000;

/** New histories of one size, each handed out once per task, built ahead in setup. */
class HistoryFeed {
  readonly #size: number;
  #pool: ContentPool | undefined;
  #histories: ChatMessage[][] = [];

  constructor(size: number) {
    this.#size = size;
  }

  prepare(pool: ContentPool, count: number): void {
    this.#pool = pool;
    this.#histories = Array.from({ length: count }, () => pool.history(this.#size));
  }

  reader(): () => ChatMessage[] {
    let next = 0;
    return () => {
      while (this.#histories.length <= next) this.#histories.push(this.#pool!.history(this.#size));
      return this.#histories[next++]!;
    };
  }

  release(): void {
    this.#histories = [];
    this.#pool = undefined;
  }
}

function linearity(budgetOf: (history: ChatMessage[]) => number, label: string): Scenario {
  const feeds = { small: new HistoryFeed(SMALL), large: new HistoryFeed(LARGE) };
  const tasks: Record<string, () => unknown> = {};
  const bind: (() => void)[] = [];
  for (const [size, feed] of Object.entries(feeds)) {
    const count = size === 'small' ? SMALL : LARGE;
    const reused = createTokenizer({ model: 'gpt-4o' });
    for (const mode of ['fresh', 'reused'] as const) {
      let read: () => ChatMessage[] = () => [];
      bind.push(() => {
        read = feed.reader();
      });
      const tokenizer = (): Tokenizer =>
        mode === 'fresh' ? createTokenizer({ model: 'gpt-4o' }) : reused;
      tasks[`hotpath ${count.toLocaleString('en-US')} messages, ${mode} tokenizer`] = () => {
        const history = read();
        return truncate(history, budgetOf(history), {
          tokenizer: tokenizer(),
          reserveOutput: 4_096,
        });
      };
    }
  }
  const name = (count: number, mode: string): string =>
    `hotpath ${count.toLocaleString('en-US')} messages, ${mode} tokenizer`;
  return {
    name: `tokens: truncate realistic histories, ${label}, a new history per call (${LARGE.toLocaleString('en-US')} vs ${SMALL.toLocaleString('en-US')} messages), calls/s`,
    tasks,
    targets: ['fresh', 'reused'].map((mode) => ({
      task: name(LARGE, mode),
      peer: name(SMALL, mode),
      min: 1 / 4.5,
    })),
    setup: () => {
      const pool = new ContentPool(new FreshText(runSeed(`tokens-truncate ${label}`)), LARGE);
      // Two readers per feed, each taking about one history per round plus warm-up calls.
      const perTask = Math.ceil(rounds * Math.max(1, timeMs / 20)) + 8;
      feeds.small.prepare(pool, smoke ? 4 : perTask);
      feeds.large.prepare(pool, smoke ? 4 : Math.ceil(perTask / 3));
      for (const b of bind) b();
    },
    teardown: () => {
      feeds.small.release();
      feeds.large.release();
    },
  };
}

function naiveComparison(): Scenario {
  const fresh = new FreshText(2_000);
  const random = createRandom(2_000);
  const history: ChatMessage[] = [{ role: 'system', content: 'You are a helpful assistant.' }];
  for (let i = 0; i < SMALL - 1; i++) {
    const content = fresh.text(60).slice(0, 8 + Math.floor(random() * 50));
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
  const naive = (messages: readonly ChatMessage[]): ChatMessage[] => {
    const kept = [...messages];
    const count = (): number => 3 + kept.reduce((sum, m) => sum + messageTokens(m), 0);
    while (count() > budget)
      kept.splice(
        kept.findIndex((m) => m.role !== 'system'),
        1,
      );
    return kept;
  };
  const expected = naive(history).length;
  const ours = truncate(history, budget, { model: 'gpt-4o' }).messages.length;
  if (ours !== expected) throw new Error(`truncate kept ${ours}, naive kept ${expected}`);
  return {
    name: `tokens: truncate a ${history.length}-message history of short messages (${history.length - expected} drops), calls/s`,
    tasks: {
      hotpath: () => truncate(history, budget, { tokenizer: createTokenizer({ model: 'gpt-4o' }) }),
      'recount per drop (gpt-tokenizer)': () => naive(history),
    },
    // The 20× target needs the full history's 25 drops; a smoke run only checks that it runs.
    ...(smoke
      ? {}
      : { targets: [{ task: 'hotpath', peer: 'recount per drop (gpt-tokenizer)', min: 20 }] }),
  };
}

export default [
  linearity(() => WINDOW, 'to a 128k-token window'),
  linearity(() => Number.MAX_SAFE_INTEGER, 'keeping every message'),
  naiveComparison(),
];
