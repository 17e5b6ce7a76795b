import { createTestHost } from '@hotpath/host-testing';
import type { ChatMessage, CompletionRequest, Plugin } from '@hotpath/protocol';
import { TokenBudgetExceededError, TokenWorkersClosedError } from '@hotpath/tokens';
import { describe, expect, it } from 'vitest';
import {
  contextWindowFor,
  DEFAULT_CONTEXT_WINDOWS,
  TokenBudgetArgumentError,
  type TokenBudgetRecord,
  TokenBudgetRequestTooLargeError,
  tokenBudgetPlugin,
} from '../src/index.ts';

interface Seen {
  readonly messages: readonly ChatMessage[];
  readonly record: TokenBudgetRecord | undefined;
}

/** A `post` middleware: records what reaches the provider, and the plugin's locals. */
function upstreamSpy(seen: Seen[]): Plugin {
  return {
    name: 'upstream-spy',
    setup(context) {
      context.wrap(
        'complete',
        (next) => (request, ctx) => {
          seen.push({
            messages: request.messages,
            record: ctx.locals.tokenBudget,
          });
          return next(request, ctx);
        },
        { order: 'post' },
      );
      context.wrap(
        'stream',
        (next) => (request, ctx) => {
          seen.push({
            messages: request.messages,
            record: ctx.locals.tokenBudget,
          });
          return next(request, ctx);
        },
        { order: 'post' },
      );
    },
  };
}

function longHistory(turns: number): ChatMessage[] {
  const messages: ChatMessage[] = [{ role: 'system', content: 'You are a terse assistant.' }];
  for (let i = 0; i < turns; i++) {
    messages.push({ role: 'user', content: `Question ${i}: what is the colour of object ${i}?` });
    messages.push({ role: 'assistant', content: `Object ${i} is painted a deep shade of blue.` });
  }
  messages.push({ role: 'user', content: 'Now summarise every colour in one word.' });
  return messages;
}

const window = { 'sim-small': 400 };

describe('tokenBudgetPlugin', () => {
  it('truncates a long history so the provider receives fewer messages, keeping system and last user', async () => {
    const seen: Seen[] = [];
    await using t = await createTestHost({
      plugins: [
        tokenBudgetPlugin({ contextWindows: window, reserveOutput: 100 }),
        upstreamSpy(seen),
      ],
    });
    const messages = longHistory(40);
    const request: CompletionRequest = { model: t.model, messages };
    const answer = await t.host.complete(request);
    expect(answer.message.role).toBe('assistant');
    expect(t.sim.stats().routes['openai.chat']).toBe(1);
    const sent = seen[0]?.messages ?? [];
    expect(sent.length).toBeLessThan(messages.length);
    expect(sent[0]).toBe(messages[0]);
    expect(sent.at(-1)).toBe(messages.at(-1));
    // The kept history is the newest part, in order.
    expect(sent.slice(1)).toEqual(messages.slice(messages.length - sent.length + 1));
    const record = seen[0]?.record;
    expect(record?.dropped).toBe(messages.length - sent.length);
    expect(record?.before).toBeGreaterThan(300);
    expect(record?.after).toBeLessThanOrEqual(300);
  });

  it('truncates streamed requests too, middle-out when asked', async () => {
    const seen: Seen[] = [];
    await using t = await createTestHost({
      plugins: [
        tokenBudgetPlugin({ contextWindows: window, strategy: 'middle-out' }),
        upstreamSpy(seen),
      ],
    });
    const messages = longHistory(40);
    let text = '';
    for await (const delta of t.host.stream({ model: t.model, messages, maxTokens: 100 })) {
      if (delta.type === 'text') text += delta.text;
    }
    expect(text.length).toBeGreaterThan(0);
    const sent = seen[0]?.messages ?? [];
    expect(sent.length).toBeLessThan(messages.length);
    expect(sent[0]).toBe(messages[0]);
    expect(sent.at(-1)).toBe(messages.at(-1));
    // Middle-out keeps some of the oldest turns, which oldest-first would have dropped.
    expect(sent[1]).toBe(messages[1]);
  });

  it('passes a request that fits unchanged and records zero drops', async () => {
    const seen: Seen[] = [];
    await using t = await createTestHost({
      plugins: [tokenBudgetPlugin({ contextWindows: window }), upstreamSpy(seen)],
    });
    const request = t.request('hello', { maxTokens: 50 });
    await t.host.complete(request);
    expect(seen[0]?.messages).toBe(request.messages);
    expect(seen[0]?.record).toMatchObject({ dropped: 0 });
    expect(seen[0]?.record?.before).toBe(seen[0]?.record?.after);
  });

  it('rejects a request that cannot fit with a typed error, without any upstream request', async () => {
    await using t = await createTestHost({
      plugins: [tokenBudgetPlugin({ contextWindows: window })],
    });
    const huge = t.request('lorem ipsum dolor '.repeat(500), { maxTokens: 100 });
    const error = await t.host.complete(huge).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenBudgetRequestTooLargeError);
    expect(error).toMatchObject({
      code: 'HOTPATH_TOKEN_BUDGET_REQUEST_TOO_LARGE',
      model: 'sim-small',
      contextWindow: 400,
      reservedOutput: 100,
    });
    const { cause, required } = error as TokenBudgetRequestTooLargeError;
    expect(cause).toBeInstanceOf(TokenBudgetExceededError);
    expect(required).toBeGreaterThan(400);
    await expect(async () => {
      for await (const _ of t.host.stream(huge)) break;
    }).rejects.toBeInstanceOf(TokenBudgetRequestTooLargeError);
    expect(t.sim.stats().requests).toBe(0);
  });

  it('counts large prompts on worker threads and closes them when the host closes', async () => {
    const t = await createTestHost({
      model: 'gpt-4o',
      simulator: { models: ['gpt-4o'] },
      plugins: [tokenBudgetPlugin({ workers: { threads: 1 } })],
    });
    const workers = t.host.service('token-budget').workers;
    expect(workers).toBeDefined();
    try {
      await t.host.complete(t.request('a long document line\n'.repeat(2_000)));
      expect(workers?.stats().tasks).toBeGreaterThan(0);
      expect(t.sim.stats().routes['openai.chat']).toBe(1);
    } finally {
      await t.close();
    }
    await expect(workers?.count('after close')).rejects.toBeInstanceOf(TokenWorkersClosedError);
  }, 30_000);

  it('looks context windows up by longest prefix', () => {
    expect(contextWindowFor('gpt-4o-mini', DEFAULT_CONTEXT_WINDOWS, 1)).toBe(128_000);
    expect(contextWindowFor('gpt-4-0613', DEFAULT_CONTEXT_WINDOWS, 1)).toBe(8_192);
    expect(contextWindowFor('openai/o1-mini', DEFAULT_CONTEXT_WINDOWS, 1)).toBe(128_000);
    expect(contextWindowFor('claude-sonnet-4', DEFAULT_CONTEXT_WINDOWS, 1)).toBe(200_000);
    expect(contextWindowFor('mystery', DEFAULT_CONTEXT_WINDOWS, 4_096)).toBe(4_096);
  });

  it('rejects bad options with a TypeError naming the option', () => {
    expect(() => tokenBudgetPlugin({ reserveOutput: -1 })).toThrow(TokenBudgetArgumentError);
    expect(() => tokenBudgetPlugin({ contextWindows: { x: 0 } })).toThrow(/contextWindows\['x'\]/);
    expect(() => tokenBudgetPlugin({ strategy: 'newest' as 'oldest-first' })).toThrow(
      /options\.strategy/,
    );
  });
});
