import type { ChatMessage } from '@hotpath/protocol';
import { describe, expect, it } from 'vitest';
import { createBoundedConversation, MemoryArgumentError, messageBytes } from '../src/index.ts';

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A random conversation: user turns, plain answers, and tool calls followed by their results. */
function conversation(seed: number, turns: number): ChatMessage[] {
  const next = random(seed);
  const text = (): string => 'x'.repeat(1 + Math.floor(next() * 40));
  const out: ChatMessage[] = [{ role: 'system', content: 'You are terse.' }];
  for (let t = 0; t < turns; t++) {
    out.push({ role: 'user', content: text() });
    if (next() < 0.4) {
      const ids = Array.from({ length: 1 + Math.floor(next() * 3) }, (_, i) => `call-${t}-${i}`);
      out.push({
        role: 'assistant',
        content: '',
        toolCalls: ids.map((id) => ({ id, name: 'lookup', arguments: text() })),
      });
      for (const id of ids) out.push({ role: 'tool', toolCallId: id, content: text() });
    }
    out.push({ role: 'assistant', content: text() });
    if (next() < 0.05) out.push({ role: 'system', content: `note ${t}` });
  }
  return out;
}

function assertInvariants(kept: ChatMessage[], appended: ChatMessage[], budget: number): void {
  // Order: the kept messages are a subsequence of the appended ones.
  let cursor = 0;
  for (const message of kept) {
    cursor = appended.indexOf(message, cursor) + 1;
    expect(cursor).toBeGreaterThan(0);
  }
  expect(kept.filter((m) => m.role === 'system')).toEqual(
    appended.filter((m) => m.role === 'system'),
  );
  expect(kept.at(-1)).toBe(appended.at(-1));
  for (const [i, message] of kept.entries()) {
    if (message.role !== 'tool') continue;
    const callers = kept.slice(0, i).filter((m) => m.role === 'assistant');
    expect(callers.some((m) => m.toolCalls?.some((c) => c.id === message.toolCallId))).toBe(true);
  }
  for (const message of kept) {
    if (message.role !== 'assistant' || !message.toolCalls) continue;
    const answered = kept.filter(
      (m) => m.role === 'tool' && message.toolCalls!.some((c) => c.id === m.toolCallId),
    );
    const available = appended.filter(
      (m) => m.role === 'tool' && message.toolCalls!.some((c) => c.id === m.toolCallId),
    );
    expect(answered).toEqual(available);
  }
  const total = kept.reduce((sum, m) => sum + messageBytes(m), 0);
  expect(total).toBeLessThanOrEqual(budget);
}

describe('createBoundedConversation', () => {
  it('keeps every invariant after each append of 15 random conversations', () => {
    for (let seed = 1; seed <= 15; seed++) {
      const history = createBoundedConversation({ maxBytes: 300 });
      const appended: ChatMessage[] = [];
      for (const message of conversation(seed, 60)) {
        history.append(message);
        appended.push(message);
        const kept = history.messages();
        expect(history.total).toBe(kept.reduce((sum, m) => sum + messageBytes(m), 0));
        expect(history.size).toBe(kept.length);
        expect(history.dropped).toBe(appended.length - kept.length);
        assertInvariants(kept, appended, 300);
      }
    }
  });

  it('counts each message once with the injected counter, never re-counting history', () => {
    let calls = 0;
    const history = createBoundedConversation({
      maxTokens: 10,
      count: (m) => {
        calls++;
        return typeof m.content === 'string' ? m.content.split(' ').length : 1;
      },
    });
    for (let i = 0; i < 500; i++) history.append({ role: 'user', content: `turn ${i} words` });
    expect(calls).toBe(500);
    expect(history.total).toBe(9);
    expect(history.messages().map((m) => m.content)).toEqual([
      'turn 497 words',
      'turn 498 words',
      'turn 499 words',
    ]);
  });

  it('keeps system messages and the newest message even when they exceed the budget', () => {
    const history = createBoundedConversation({ maxBytes: 10 });
    history.append({ role: 'system', content: 'system prompt of 28 bytes..' });
    history.append({ role: 'user', content: 'short' });
    history.append({ role: 'user', content: 'a question longer than ten bytes' });
    expect(history.messages().map((m) => m.role)).toEqual(['system', 'user']);
    expect(history.messages()[1]!.content).toBe('a question longer than ten bytes');
    expect(history.total).toBeGreaterThan(history.budget);
  });

  it('drops an assistant tool call together with its results', () => {
    const history = createBoundedConversation({ maxTokens: 4, count: () => 1 });
    history.append({ role: 'user', content: 'q' });
    history.append({
      role: 'assistant',
      content: '',
      toolCalls: [
        { id: 'a', name: 't', arguments: '{}' },
        { id: 'b', name: 't', arguments: '{}' },
      ],
    });
    history.append({ role: 'tool', toolCallId: 'a', content: '1' });
    history.append({ role: 'tool', toolCallId: 'b', content: '2' });
    expect(history.messages().map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'tool']);
    history.append({ role: 'assistant', content: 'answer' });
    // Dropping the user turn leaves 4 messages: within budget, the group stays whole.
    expect(history.messages().map((m) => m.role)).toEqual([
      'assistant',
      'tool',
      'tool',
      'assistant',
    ]);
    history.append({ role: 'user', content: 'next' });
    // The group of three goes at once, never a tool result without its call.
    expect(history.messages().map((m) => m.role)).toEqual(['assistant', 'user']);
  });

  it('counts UTF-8 bytes by default, including tool calls and image bytes', () => {
    expect(messageBytes({ role: 'user', content: 'héllo' })).toBe(6);
    expect(
      messageBytes({
        role: 'user',
        content: [
          { type: 'text', text: '€' },
          { type: 'image', image: new Uint8Array(10) },
        ],
      }),
    ).toBe(13);
    expect(
      messageBytes({
        role: 'assistant',
        content: 'ok',
        toolCalls: [{ id: 'i', name: 'nm', arguments: '{}' }],
      }),
    ).toBe(7);
    expect(messageBytes({ role: 'tool', toolCallId: 'id', content: 'r' })).toBe(3);
  });

  it('clears everything and keeps counting drops', () => {
    const history = createBoundedConversation({ maxBytes: 100 });
    history.append({ role: 'system', content: 's' });
    history.append({ role: 'user', content: 'u' });
    history.clear();
    expect([history.size, history.total, history.dropped, history.messages()]).toEqual([
      0,
      0,
      2,
      [],
    ]);
  });

  it('rejects bad options and messages with a MemoryArgumentError', () => {
    const bad = (options: unknown) => () =>
      createBoundedConversation(options as { maxBytes: number });
    expect(bad({})).toThrow(/exactly one of maxTokens or maxBytes/);
    expect(bad({ maxBytes: 1, maxTokens: 1, count: () => 1 })).toThrow(MemoryArgumentError);
    expect(bad({ maxTokens: 100 })).toThrow(/options\.count/);
    expect(bad({ maxBytes: -1 })).toThrow(/options\.maxBytes/);
    const history = createBoundedConversation({ maxTokens: 5, count: () => Number.NaN });
    expect(() => history.append({ role: 'user', content: 'x' })).toThrow(/count\(message\)/);
    expect(() => history.append({ content: 'x' } as unknown as ChatMessage)).toThrow(
      /message must be/,
    );
    expect(history.size).toBe(0);
  });
});
