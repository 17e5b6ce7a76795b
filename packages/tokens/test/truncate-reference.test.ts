import type { ChatMessage } from '@hotpath/protocol';
import { propertySeeds } from '@hotpath/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTokenizer, type Tokenizer, type TruncateStrategy, truncate } from '../src/index.ts';
import { dropOrder, groupUnits } from '../src/internal/message-units.ts';

const seeds = propertySeeds('truncate against its reference');
const strategies: TruncateStrategy[] = ['oldest-first', 'middle-out'];

/** A history of user/assistant turns, some with tool calls, and occasional system messages. */
const history: fc.Arbitrary<ChatMessage[]> = fc
  .array(
    fc.record({
      kind: fc.constantFrom('user', 'assistant', 'system', 'tools'),
      text: fc.string({ unit: 'grapheme', maxLength: 60 }),
      calls: fc.integer({ min: 1, max: 3 }),
    }),
    { maxLength: 40 },
  )
  .map((turns) =>
    turns.flatMap(({ kind, text, calls }, t): ChatMessage[] => {
      if (kind !== 'tools') return [{ role: kind, content: text }];
      const ids = Array.from({ length: calls }, (_, i) => `call-${t}-${i}`);
      return [
        {
          role: 'assistant',
          content: '',
          toolCalls: ids.map((id) => ({ id, name: 'f', arguments: text })),
        },
        ...ids.map((id): ChatMessage => ({ role: 'tool', toolCallId: id, content: text })),
      ];
    }),
  );

/** The rule as first written: count everything, then drop in order until the rest fits. */
function reference(
  messages: ChatMessage[],
  available: number,
  tokenizer: Tokenizer,
  strategy: TruncateStrategy,
): ChatMessage[] | 'over' {
  const units = groupUnits(messages);
  const tokens = (indexes: number[]): number =>
    indexes.reduce((n, i) => n + tokenizer.countMessage(messages[i]!), 0);
  let total = tokenizer.replyTokens + units.reduce((n, unit) => n + tokens(unit.indexes), 0);
  if (
    tokenizer.replyTokens + units.reduce((n, u) => n + (u.pinned ? tokens(u.indexes) : 0), 0) >
    available
  )
    return 'over';
  const dropped = new Set<number>();
  for (const unit of dropOrder(units, strategy)) {
    if (total <= available) break;
    total -= tokens(unit.indexes);
    for (const i of unit.indexes) dropped.add(i);
  }
  return messages.filter((_, i) => !dropped.has(i));
}

describe.each(strategies)('truncate %s', (strategy) => {
  it.each(seeds)(
    'keeps exactly the messages that dropping in order until the rest fits keeps, and counts only what it keeps plus one unit (seed %i)',
    (seed) => {
      const property = fc.property(
        history,
        fc.double({ min: 0, max: 1.1, noNaN: true }),
        (messages, share) => {
          const tokenizer = createTokenizer({ model: 'gpt-4o' });
          const full = tokenizer.countChat(messages);
          const budget = Math.floor(full * share);
          const expected = reference(
            messages,
            budget,
            createTokenizer({ model: 'gpt-4o' }),
            strategy,
          );
          const counting = createTokenizer({ model: 'gpt-4o' });
          let counted = 0;
          const countMessage = (m: ChatMessage): number => {
            counted++;
            return counting.countMessage(m);
          };
          const spy = new Proxy(counting, {
            get: (target, name) => {
              if (name === 'countMessage') return countMessage;
              const value = Reflect.get(target, name) as unknown;
              return typeof value === 'function' ? value.bind(target) : value;
            },
          });
          if (expected === 'over') {
            expect(() => truncate(messages, budget, { tokenizer: spy, strategy })).toThrow(
              /budget/i,
            );
            return;
          }
          const result = truncate(messages, budget, { tokenizer: spy, strategy });
          expect(result.messages).toEqual(expected);
          expect(result.tokens).toBe(tokenizer.countChat(expected));
          expect(result.dropped).toBe(messages.length - expected.length);
          const largestUnit = Math.max(1, ...groupUnits(messages).map((u) => u.indexes.length));
          expect(counted).toBeLessThanOrEqual(result.messages.length + largestUnit);
        },
      );
      fc.assert(property, { seed, numRuns: 300 });
    },
    60_000,
  );
});
