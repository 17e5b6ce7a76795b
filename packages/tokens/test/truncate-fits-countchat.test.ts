import type { ChatMessage, ToolDefinition } from '@hotpath/protocol';
import { anyString, propertySeeds } from '@hotpath/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTokenizer, TokenBudgetExceededError, truncate } from '../src/index.ts';

const seeds = propertySeeds('tokens truncate-fits-countchat');

const text = fc.oneof(anyString, fc.constantFrom('', 'hello there', 'ok'));
const call = fc.record({
  id: fc.constantFrom('a', 'b', 'c'),
  name: fc.string({ maxLength: 5 }),
  arguments: text,
});
const message: fc.Arbitrary<ChatMessage> = fc.oneof(
  fc.record({ role: fc.constant('system' as const), content: text }),
  fc.record({ role: fc.constant('user' as const), content: text }),
  fc.record({
    role: fc.constant('assistant' as const),
    content: text,
    toolCalls: fc.array(call, { maxLength: 2 }),
  }),
  fc.record({
    role: fc.constant('tool' as const),
    content: text,
    toolCallId: fc.constantFrom('a', 'z'),
  }),
);
const tools: fc.Arbitrary<ToolDefinition[]> = fc.array(
  fc.record({
    name: fc.string({ minLength: 1, maxLength: 5 }),
    parameters: fc.constant({ type: 'object', properties: { a: { type: 'string' } } }),
  }),
  { maxLength: 2 },
);

describe('truncate and countChat agree on what fits', () => {
  it.each(seeds)(
    'countChat of the kept messages never exceeds budget − reserveOutput, for exact and estimating models (seed %i)',
    (seed) => {
      fc.assert(
        fc.property(
          fc.constantFrom('gpt-4o', 'gpt-4', 'claude-3-5-sonnet', 'gemini-1.5-pro', 'some-model'),
          fc.array(message, { maxLength: 10 }),
          fc.nat(400),
          fc.nat(50),
          tools,
          (model, messages, budget, reserveOutput, defs) => {
            const tokenizer = createTokenizer({ model });
            const options = defs.length > 0 ? { tools: defs } : {};
            let kept: ReturnType<typeof truncate>;
            try {
              kept = truncate(messages, budget, { tokenizer, reserveOutput, ...options });
            } catch (error) {
              expect(error).toBeInstanceOf(TokenBudgetExceededError);
              return;
            }
            const counted = tokenizer.countChat(kept.messages, options);
            expect(counted).toBeLessThanOrEqual(budget - reserveOutput);
            expect(counted).toBeLessThanOrEqual(kept.tokens);
            if (tokenizer.exact) expect(kept.tokens).toBe(counted);
          },
        ),
        { seed, numRuns: 500 },
      );
    },
  );

  it('an empty history with an estimating model reports what countChat says', () => {
    const tokenizer = createTokenizer({ model: 'claude-3-5-sonnet' });
    expect(truncate([], 100, { tokenizer }).tokens).toBe(tokenizer.countChat([]));
    expect(() => truncate([], tokenizer.countChat([]) - 1, { tokenizer })).toThrow(
      TokenBudgetExceededError,
    );
  });
});
