import type { ChatMessage, ToolDefinition } from '@hotpath/protocol';
import { describe, expect, it } from 'vitest';
import { createTokenizer, formatToolDefinitions } from '../src/index.ts';

const tokenizer = createTokenizer({ model: 'gpt-4o' });
const count = (text: string): number => tokenizer.count(text);

describe('countChat', () => {
  it('adds 3 tokens per message and 3 for the reply priming (OpenAI cookbook)', () => {
    const messages: ChatMessage[] = [
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'hello' },
    ];
    const expected = 3 + (3 + count('system') + count('You are terse.')) + (3 + count('user') + 1);
    expect(tokenizer.countChat(messages)).toBe(expected);
    expect(createTokenizer({ model: 'gpt-3.5-turbo' }).countChat([messages[1]!])).toBe(8);
  });

  it('uses 4 tokens per message for gpt-3.5-turbo-0301', () => {
    const old = createTokenizer({ model: 'gpt-3.5-turbo-0301' });
    expect(old.countChat([{ role: 'user', content: 'hello' }])).toBe(9);
  });

  it('bills tool definitions as the rendered namespace plus 9, minus 4 with a system message', () => {
    const tools: ToolDefinition[] = [
      { name: 'foo', parameters: { type: 'object', properties: {} } },
    ];
    const user: ChatMessage = { role: 'user', content: 'hello' };
    const gpt35 = createTokenizer({ model: 'gpt-3.5-turbo' });
    expect(gpt35.countChat([user], { tools })).toBe(31);
    const rendered = formatToolDefinitions(tools);
    expect(rendered).toBe(
      'namespace functions {\n\ntype foo = () => any;\n\n} // namespace functions',
    );
    const system: ChatMessage = { role: 'system', content: 'Be brief.' };
    const withSystem = gpt35.countChat([system, user], { tools });
    const padding = gpt35.count('Be brief.\n') - gpt35.count('Be brief.');
    expect(withSystem).toBe(
      31 + 3 + gpt35.count('system') + gpt35.count('Be brief.') + padding - 4,
    );
  });

  it('renders descriptions, required and optional properties and enums', () => {
    const rendered = formatToolDefinitions([
      {
        name: 'weather',
        description: 'Get the weather',
        parameters: {
          type: 'object',
          properties: {
            city: { type: 'string', description: 'City name' },
            unit: { type: 'string', enum: ['c', 'f'] },
            days: { type: 'array', items: { type: 'integer' } },
          },
          required: ['city'],
        },
      },
    ]);
    expect(rendered).toBe(
      [
        'namespace functions {',
        '',
        '// Get the weather',
        'type weather = (_: {',
        '// City name',
        'city: string,',
        'unit?: "c" | "f",',
        'days?: number[],',
        '}) => any;',
        '',
        '} // namespace functions',
      ].join('\n'),
    );
  });

  it('counts assistant tool calls, tool results, text parts and images', () => {
    const messages: ChatMessage[] = [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'what is this?' },
          { type: 'image', image: 'https://x/y.png' },
        ],
      },
      {
        role: 'assistant',
        content: '',
        toolCalls: [{ id: 'c1', name: 'look', arguments: '{"q":"x"}' }],
      },
      { role: 'tool', toolCallId: 'c1', content: 'a cat' },
    ];
    const expected =
      3 +
      (3 + count('user') + count('what is this?') + 765) +
      (3 + count('assistant') + count('look') + count('{"q":"x"}') + 3) +
      (3 + count('tool') + count('a cat'));
    expect(tokenizer.countChat(messages)).toBe(expected);
    const low = createTokenizer({ model: 'gpt-4o', imageTokens: 85 });
    expect(low.countChat(messages)).toBe(expected - 765 + 85);
  });

  it('memoises countMessage per message object and agrees with countChat', () => {
    const message: ChatMessage = { role: 'user', content: 'memo me' };
    expect(tokenizer.countMessage(message)).toBe(tokenizer.countChat([message]) - 3);
    expect(tokenizer.countMessage(message)).toBe(tokenizer.countMessage(message));
  });

  it('adds tokens for toolChoice none and a named tool', () => {
    const user: ChatMessage = { role: 'user', content: 'hi' };
    const base = tokenizer.countChat([user]);
    expect(tokenizer.countChat([user], { toolChoice: 'none' })).toBe(base + 1);
    expect(tokenizer.countChat([user], { toolChoice: { name: 'foo' } })).toBe(
      base + count('foo') + 4,
    );
  });
});
