import { ProviderArgumentError } from '@hotpath/provider-kit';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_TOKENS } from '../src/index.ts';
import { messagesBody } from '../src/request-body.ts';
import { completionResult } from '../src/response.ts';

describe('Anthropic wire mapping', () => {
  it('lifts system messages, merges tool results into user turns and requires max_tokens', () => {
    const body = messagesBody(
      {
        model: 'claude',
        messages: [
          { role: 'system', content: 'rule one' },
          { role: 'system', content: 'rule two' },
          { role: 'user', content: 'weather in Oslo and Rome?' },
          {
            role: 'assistant',
            content: 'checking',
            toolCalls: [
              { id: 't1', name: 'weather', arguments: '{"city":"Oslo"}' },
              { id: 't2', name: 'weather', arguments: '{"city":"Rome"}' },
            ],
          },
          { role: 'tool', toolCallId: 't1', content: 'cold' },
          { role: 'tool', toolCallId: 't2', content: 'warm' },
          { role: 'user', content: [{ type: 'image', image: 'data:image/png;base64,QUJD' }] },
        ],
        tools: [{ name: 'weather', description: 'w', parameters: { type: 'object' } }],
        toolChoice: 'required',
        stop: ['END'],
      },
      false,
    );
    expect(body).toEqual({
      model: 'claude',
      max_tokens: DEFAULT_MAX_TOKENS,
      system: 'rule one\n\nrule two',
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'weather in Oslo and Rome?' }] },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'checking' },
            { type: 'tool_use', id: 't1', name: 'weather', input: { city: 'Oslo' } },
            { type: 'tool_use', id: 't2', name: 'weather', input: { city: 'Rome' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 't1', content: 'cold' },
            { type: 'tool_result', tool_use_id: 't2', content: 'warm' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'QUJD' } },
          ],
        },
      ],
      tools: [{ name: 'weather', description: 'w', input_schema: { type: 'object' } }],
      tool_choice: { type: 'any' },
      stop_sequences: ['END'],
    });
  });

  it('counts cache reads and writes as input and reports both', () => {
    const result = completionResult(
      {
        content: [
          { type: 'thinking', thinking: 'hmm' },
          { type: 'text', text: 'done' },
          { type: 'tool_use', id: 'x', name: 'f', input: { a: 1 } },
        ],
        stop_reason: 'tool_use',
        usage: {
          input_tokens: 10,
          output_tokens: 5,
          cache_read_input_tokens: 100,
          cache_creation_input_tokens: 20,
        },
      },
      { model: 'claude' },
    );
    expect(result.usage).toEqual({
      inputTokens: 130,
      outputTokens: 5,
      cachedInputTokens: 100,
      cacheWriteInputTokens: 20,
    });
    expect(result.message).toEqual({
      role: 'assistant',
      content: 'done',
      toolCalls: [{ id: 'x', name: 'f', arguments: '{"a":1}' }],
      reasoning: 'hmm',
    });
    expect(result.finishReason).toBe('tool_calls');
  });
});

describe('assistant tool calls whose arguments are not JSON', () => {
  it('fail at the boundary with HOTPATH_PROVIDER_INVALID_ARGUMENT, naming the call', () => {
    const request = {
      model: 'claude',
      messages: [
        {
          role: 'assistant' as const,
          content: '',
          toolCalls: [{ id: 'x', name: 'look', arguments: '{oops' }],
        },
      ],
    };
    expect(() => messagesBody(request, false)).toThrow(ProviderArgumentError);
    expect(() => messagesBody(request, false)).toThrow(/tool call look/);
  });
});
