import { ProviderArgumentError } from '@hotpath/provider-kit';
import { describe, expect, it } from 'vitest';
import { chatBody } from '../src/request-body.ts';
import { completionResult } from '../src/response.ts';

describe('Ollama wire mapping', () => {
  it('sends images as base64, tool arguments as objects, tool results by tool name', () => {
    const body = chatBody(
      {
        model: 'llama3.2',
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'see' },
              { type: 'image', image: Uint8Array.of(65, 66) },
            ],
          },
          {
            role: 'assistant',
            content: '',
            toolCalls: [{ id: 'a', name: 'lookup', arguments: '{"q":"x"}' }],
          },
          { role: 'tool', toolCallId: 'a', content: 'found' },
        ],
        maxTokens: 10,
        temperature: 0.2,
        responseFormat: { type: 'json_object' },
      },
      true,
    );
    expect(body).toEqual({
      model: 'llama3.2',
      stream: true,
      messages: [
        { role: 'user', content: 'see', images: ['QUI='] },
        {
          role: 'assistant',
          content: '',
          tool_calls: [{ function: { name: 'lookup', arguments: { q: 'x' } } }],
        },
        { role: 'tool', content: 'found', tool_name: 'lookup' },
      ],
      format: 'json',
      options: { temperature: 0.2, num_predict: 10 },
    });
  });

  it('refuses a message name, which /api/chat has no field for, naming the message', () => {
    const request = {
      model: 'llama3.2',
      messages: [
        { role: 'user' as const, content: 'hi' },
        { role: 'user' as const, content: 'again', name: 'bob' },
      ],
    };
    expect(() => chatBody(request, false)).toThrow(
      expect.objectContaining({ parameter: 'messages[1].name' }),
    );
  });

  it('refuses remote image URLs with a clear TypeError', () => {
    const request = {
      model: 'm',
      messages: [
        { role: 'user' as const, content: [{ type: 'image' as const, image: 'https://x/y.png' }] },
      ],
    };
    expect(() => chatBody(request, false)).toThrow(ProviderArgumentError);
  });

  it('gives tool calls ids and maps done_reason', () => {
    const result = completionResult(
      {
        message: {
          role: 'assistant',
          content: '',
          tool_calls: [{ function: { name: 'f', arguments: { a: 1 } } }],
        },
        done_reason: 'stop',
        prompt_eval_count: 9,
        eval_count: 3,
      },
      { model: 'm' },
    );
    expect(result.message.toolCalls).toEqual([{ id: 'call_0', name: 'f', arguments: '{"a":1}' }]);
    expect(result.finishReason).toBe('tool_calls');
    expect(result.usage).toEqual({ inputTokens: 9, outputTokens: 3 });
  });
});
