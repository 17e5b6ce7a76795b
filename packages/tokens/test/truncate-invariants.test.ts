import type { ChatMessage, ToolDefinition } from '@hotpath/protocol';
import { mixedCorpus, seededRandom } from '@hotpath/testing';
import { describe, expect, it } from 'vitest';
import {
  createTokenizer,
  TokenBudgetExceededError,
  type TruncateStrategy,
  truncate,
} from '../src/index.ts';

const tokenizer = createTokenizer({ model: 'gpt-4o' });
const tools: ToolDefinition[] = [
  {
    name: 'search',
    description: 'Search the web',
    parameters: { type: 'object', properties: { q: { type: 'string' } } },
  },
];

function randomHistory(seed: number, turns: number): ChatMessage[] {
  const random = seededRandom(seed);
  const text = (n: number): string =>
    mixedCorpus(Math.floor(random() * n) + 1, Math.floor(random() * 1e6));
  const messages: ChatMessage[] = [{ role: 'system', content: text(200) }];
  for (let turn = 0; turn < turns; turn++) {
    const roll = random();
    if (roll < 0.1) messages.push({ role: 'system', content: text(50) });
    messages.push({ role: 'user', content: text(300) });
    if (roll > 0.6) {
      const calls = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, i) => ({
        id: `call-${seed}-${turn}-${i}`,
        name: 'search',
        arguments: JSON.stringify({ q: text(40) }),
      }));
      messages.push({ role: 'assistant', content: '', toolCalls: calls });
      for (const call of calls)
        messages.push({ role: 'tool', toolCallId: call.id, content: text(400) });
    }
    messages.push({ role: 'assistant', content: text(300) });
  }
  if (random() < 0.5) messages.push({ role: 'user', content: text(200) });
  return messages;
}

function checkInvariants(input: ChatMessage[], kept: ChatMessage[], limit: number): void {
  expect(tokenizer.countChat(kept, { tools })).toBeLessThanOrEqual(limit);
  let cursor = 0;
  for (const message of kept) {
    cursor = input.indexOf(message, cursor) + 1;
    expect(cursor).toBeGreaterThan(0);
  }
  for (const message of input.filter((m) => m.role === 'system')) expect(kept).toContain(message);
  const lastUser = input.findLastIndex((m) => m.role === 'user');
  for (const message of input.slice(Math.max(lastUser, 0))) {
    if (lastUser >= 0) expect(kept).toContain(message);
  }
  const keptCalls = new Set(
    kept.flatMap((m) => (m.role === 'assistant' ? (m.toolCalls ?? []).map((c) => c.id) : [])),
  );
  for (const message of input) {
    if (message.role !== 'tool') continue;
    const call = input.some(
      (m) => m.role === 'assistant' && m.toolCalls?.some((c) => c.id === message.toolCallId),
    );
    if (call) expect(kept.includes(message)).toBe(keptCalls.has(message.toolCallId));
  }
}

describe.each<TruncateStrategy>(['oldest-first', 'middle-out'])('truncate %s', (strategy) => {
  it('keeps system messages, the last user turn and tool pairs within budget (200 seeded cases)', () => {
    let fitted = 0;
    let refused = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const input = randomHistory(seed, 3 + (seed % 25));
      const full = tokenizer.countChat(input, { tools });
      const budget = Math.floor(full * seededRandom(seed * 7)());
      const reserveOutput = seed % 3 === 0 ? 64 : 0;
      try {
        const result = truncate(input, budget, { tokenizer, tools, strategy, reserveOutput });
        checkInvariants(input, result.messages, budget - reserveOutput);
        expect(result.tokens).toBe(tokenizer.countChat(result.messages, { tools }));
        expect(result.dropped).toBe(input.length - result.messages.length);
        fitted++;
      } catch (error) {
        expect(error).toBeInstanceOf(TokenBudgetExceededError);
        expect((error as TokenBudgetExceededError).required).toBeGreaterThan(budget);
        refused++;
      }
    }
    expect(fitted).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(0);
  });

  it('returns everything when it already fits', () => {
    const input = randomHistory(3, 5);
    const result = truncate(input, 1_000_000, { tokenizer, strategy });
    expect(result.messages).toEqual(input);
    expect(result.dropped).toBe(0);
  });
});

describe('truncate order', () => {
  const turns: ChatMessage[] = [{ role: 'system', content: 'sys' }];
  for (let i = 0; i < 9; i++)
    turns.push({
      role: i % 2 ? 'assistant' : 'user',
      content: `message number ${i}`,
    } as ChatMessage);
  const fullTokens = tokenizer.countChat(turns);
  const each = tokenizer.countMessage(turns[1]!);

  it('oldest-first drops from the start', () => {
    const { messages } = truncate(turns, fullTokens - 2 * each, { tokenizer });
    expect(messages.map((m) => m.content)).toEqual([
      'sys',
      ...turns.slice(3).map((m) => m.content),
    ]);
  });

  it('middle-out drops from the middle outwards', () => {
    const { messages } = truncate(turns, fullTokens - 3 * each, {
      tokenizer,
      strategy: 'middle-out',
    });
    const dropped = turns.filter((m) => !messages.includes(m)).map((m) => m.content);
    expect(dropped).toEqual(['message number 2', 'message number 3', 'message number 4']);
  });

  it('throws TokenBudgetExceededError with what it needs when the pinned messages do not fit', () => {
    expect(() => truncate(turns, 10, { tokenizer })).toThrow(TokenBudgetExceededError);
    expect(() => truncate(turns, 1000, { tokenizer, reserveOutput: 995 })).toThrow(
      expect.objectContaining({ code: 'HOTPATH_TOKENS_BUDGET_EXCEEDED', budget: 1000 }),
    );
  });

  it('rejects bad arguments', () => {
    expect(() => truncate(turns, -1)).toThrow(/budget must be/);
    expect(() => truncate('x' as never, 1)).toThrow(/messages must be/);
    expect(() => truncate(turns, 1, { strategy: 'newest' as never })).toThrow(/options.strategy/);
  });
});
