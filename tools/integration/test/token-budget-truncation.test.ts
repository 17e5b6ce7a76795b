import { TokenBudgetRequestTooLargeError, tokenBudgetPlugin } from '@hotpath/plugin-token-budget';
import type { ChatMessage } from '@hotpath/protocol';
import { TokenBudgetExceededError } from '@hotpath/tokens';
import { describe, expect, it } from 'vitest';
import { startFullHost } from '../src/index.ts';
import { drain } from './helpers.ts';

interface WireMessage {
  readonly role: string;
  readonly content: string;
}

function history(turns: number): ChatMessage[] {
  const messages: ChatMessage[] = [{ role: 'system', content: 'You answer in one word.' }];
  for (let i = 0; i < turns; i++) {
    messages.push({ role: 'user', content: `Turn ${i}: which colour is box number ${i}?` });
    messages.push({ role: 'assistant', content: `Box ${i} is a deep ocean blue colour.` });
  }
  messages.push({ role: 'user', content: 'Name every colour you mentioned.' });
  return messages;
}

function sentMessages(body: unknown): WireMessage[] {
  return (body as { messages: WireMessage[] }).messages;
}

const budget = () =>
  tokenBudgetPlugin({ contextWindows: { 'sim-small': 400 }, reserveOutput: 100 });

describe('full host: token-budget truncation', () => {
  it('sends the upstream a truncated history: system message, newest turns in order, last user turn', async () => {
    await using t = await startFullHost({ plugins: [budget()], record: true });
    const messages = history(40);
    const answer = await t.host.complete({ model: 'sim-small', messages });
    expect(answer.message.role).toBe('assistant');
    expect(t.recorded).toHaveLength(1);
    const sent = sentMessages(t.recorded[0]?.body);
    expect(sent.length).toBeGreaterThan(2);
    expect(sent.length).toBeLessThan(messages.length);
    expect(sent[0]).toEqual({ role: 'system', content: 'You answer in one word.' });
    expect(sent.at(-1)).toEqual({ role: 'user', content: 'Name every colour you mentioned.' });
    const kept = messages.slice(messages.length - sent.length + 1);
    expect(sent.slice(1)).toEqual(kept.map((m) => ({ role: m.role, content: m.content })));
  });

  it('truncates a streamed request the same way', async () => {
    await using t = await startFullHost({ plugins: [budget()], record: true });
    const messages = history(40);
    const deltas = await drain(t.host.stream({ model: 'sim-small', messages }));
    expect(deltas.at(-1)).toMatchObject({ type: 'finish' });
    const body = t.recorded[0]?.body as { stream: boolean };
    expect(body.stream).toBe(true);
    expect(sentMessages(body).length).toBeLessThan(messages.length);
    expect(t.sim.stats().streamsCompleted).toBe(1);
  });

  it('sends a request that fits unchanged', async () => {
    await using t = await startFullHost({ plugins: [budget()], record: true });
    const messages = history(2);
    await t.host.complete({ model: 'sim-small', messages });
    expect(sentMessages(t.recorded[0]?.body)).toEqual(
      messages.map((m) => ({ role: m.role, content: m.content })),
    );
  });

  it('rejects a request that cannot fit with the typed error and sends nothing upstream', async () => {
    await using t = await startFullHost({ plugins: [budget()], record: true });
    const huge = t.request('tell me about '.repeat(400));
    const error = await t.host.complete(huge).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenBudgetRequestTooLargeError);
    expect(error).toMatchObject({
      code: 'HOTPATH_TOKEN_BUDGET_REQUEST_TOO_LARGE',
      model: 'sim-small',
      contextWindow: 400,
      reservedOutput: 100,
    });
    expect((error as Error).cause).toBeInstanceOf(TokenBudgetExceededError);
    await expect(drain(t.host.stream(huge))).rejects.toBeInstanceOf(
      TokenBudgetRequestTooLargeError,
    );
    expect(t.recorded).toHaveLength(0);
    expect(t.sim.stats().requests).toBe(0);
  });
});
