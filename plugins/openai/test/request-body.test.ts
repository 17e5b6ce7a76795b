import type { CompletionRequest } from '@hotpath/protocol';
import { describe, expect, it } from 'vitest';
import { chatBody, embeddingsBody } from '../src/request-body.ts';
import { completionResult, embeddingResult } from '../src/response.ts';

const request: CompletionRequest = {
  model: 'gpt-4o-mini',
  messages: [
    { role: 'system', content: 'be brief' },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'what is this?' },
        { type: 'image', image: Uint8Array.of(1, 2, 3), mediaType: 'image/jpeg', detail: 'low' },
      ],
    },
    {
      role: 'assistant',
      content: '',
      toolCalls: [{ id: 'c1', name: 'look', arguments: '{"x":1}' }],
    },
    { role: 'tool', toolCallId: 'c1', content: 'a cat' },
  ],
  tools: [{ name: 'look', parameters: { type: 'object' } }],
  toolChoice: { name: 'look' },
  responseFormat: { type: 'json_schema', name: 'answer', schema: { type: 'object' }, strict: true },
  temperature: 0,
  maxTokens: 100,
  seed: 7,
  user: 'end-user-1',
  metadata: { trace: 'abc' },
};

describe('OpenAI wire mapping', () => {
  it('maps messages, tools and options to the chat-completions body, user included, metadata never', () => {
    expect(chatBody(request, true)).toEqual({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'be brief' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'what is this?' },
            { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,AQID', detail: 'low' } },
          ],
        },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'c1', type: 'function', function: { name: 'look', arguments: '{"x":1}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'c1', content: 'a cat' },
      ],
      tools: [{ type: 'function', function: { name: 'look', parameters: { type: 'object' } } }],
      tool_choice: { type: 'function', function: { name: 'look' } },
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'answer', schema: { type: 'object' }, strict: true },
      },
      temperature: 0,
      max_completion_tokens: 100,
      seed: 7,
      user: 'end-user-1',
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('adds providerOptions.openai as they are, never over a mapped field', () => {
    const body = chatBody(
      {
        model: 'm',
        messages: [{ role: 'user', content: 'hi' }],
        presencePenalty: 0.5,
        frequencyPenalty: -1,
        providerOptions: {
          openai: { reasoning_effort: 'low', model: 'other', ['__proto__']: { x: 1 } },
          anthropic: { top_k: 3 },
        },
      },
      false,
    );
    expect(body).toEqual({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
      presence_penalty: 0.5,
      frequency_penalty: -1,
      reasoning_effort: 'low',
      ['__proto__']: { x: 1 },
    });
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
  });

  it('reads cached and reasoning tokens, tool calls and reasoning text', () => {
    const result = completionResult(
      {
        id: 'r1',
        model: 'gpt-4o-mini-2024',
        choices: [
          {
            message: {
              content: null,
              reasoning_content: 'thinking…',
              tool_calls: [
                { id: 'c9', type: 'function', function: { name: 'look', arguments: '{}' } },
              ],
            },
            finish_reason: 'tool_calls',
          },
        ],
        usage: {
          prompt_tokens: 100,
          completion_tokens: 20,
          prompt_tokens_details: { cached_tokens: 64 },
          completion_tokens_details: { reasoning_tokens: 12 },
        },
      },
      request,
    );
    expect(result).toEqual({
      id: 'r1',
      model: 'gpt-4o-mini-2024',
      message: {
        role: 'assistant',
        content: '',
        toolCalls: [{ id: 'c9', name: 'look', arguments: '{}' }],
        reasoning: 'thinking…',
      },
      usage: { inputTokens: 100, outputTokens: 20, cachedInputTokens: 64, reasoningTokens: 12 },
      finishReason: 'tool_calls',
    });
  });

  it('decodes base64 embeddings to Float32Array in input order', () => {
    const b64 = (values: number[]) =>
      Buffer.from(Float32Array.from(values).buffer).toString('base64');
    const result = embeddingResult(
      {
        data: [
          { index: 1, embedding: b64([0.5, -1]) },
          { index: 0, embedding: [0.25, 2] },
        ],
        usage: { prompt_tokens: 4 },
      },
      { model: 'e' },
    );
    expect(result.embeddings.map((v) => [...v])).toEqual([
      [0.25, 2],
      [0.5, -1],
    ]);
    expect(embeddingsBody({ model: 'e', input: ['a'], dimensions: 2 })).toEqual({
      model: 'e',
      input: ['a'],
      encoding_format: 'base64',
      dimensions: 2,
    });
  });
});
