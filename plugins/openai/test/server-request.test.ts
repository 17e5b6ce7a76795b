import { describe, expect, it } from 'vitest';
import {
  OpenAIRequestError,
  parseChatRequest,
  parseEmbeddingsRequest,
} from '../src/server/index.ts';

const messages = [{ role: 'user', content: 'hi' }];

function refusal(body: object): { param: string; problem: string } | undefined {
  try {
    parseChatRequest({ model: 'm', messages, ...body });
    return undefined;
  } catch (error) {
    if (!(error instanceof OpenAIRequestError)) throw error;
    expect(error.code).toBe('HOTPATH_OPENAI_INVALID_REQUEST');
    return { param: error.param, problem: error.problem };
  }
}

describe('parseChatRequest: every parameter mapped, passed through or refused by name', () => {
  it('maps the parameters the request type has fields for', () => {
    const { request, stream, includeUsage } = parseChatRequest({
      model: 'm',
      messages: [
        {
          role: 'developer',
          content: [
            { type: 'text', text: 'a' },
            { type: 'text', text: 'b' },
          ],
        },
        {
          role: 'user',
          content: [{ type: 'image_url', image_url: { url: 'https://x/y.png', detail: 'low' } }],
        },
        {
          role: 'assistant',
          content: null,
          refusal: null,
          annotations: [],
          tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: 'c', content: 'ok' },
      ],
      temperature: 0.5,
      top_p: 0.9,
      max_completion_tokens: 12,
      seed: -3,
      stop: 'END',
      presence_penalty: 1,
      frequency_penalty: -1,
      user: 'u1',
      tools: [
        { type: 'function', function: { name: 'f', parameters: { type: 'object' }, strict: true } },
      ],
      tool_choice: 'required',
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'n', description: 'd', schema: { type: 'object' }, strict: true },
      },
      stream: true,
      stream_options: { include_usage: true, include_obfuscation: false },
      n: 1,
      logprobs: false,
      top_logprobs: null,
      modalities: ['text'],
    });
    expect(stream).toBe(true);
    expect(includeUsage).toBe(true);
    expect(request).toEqual({
      model: 'm',
      messages: [
        { role: 'system', content: 'ab' },
        { role: 'user', content: [{ type: 'image', image: 'https://x/y.png', detail: 'low' }] },
        { role: 'assistant', content: '', toolCalls: [{ id: 'c', name: 'f', arguments: '{}' }] },
        { role: 'tool', toolCallId: 'c', content: 'ok' },
      ],
      temperature: 0.5,
      topP: 0.9,
      maxTokens: 12,
      seed: -3,
      stop: ['END'],
      presencePenalty: 1,
      frequencyPenalty: -1,
      user: 'u1',
      tools: [{ name: 'f', parameters: { type: 'object' }, strict: true }],
      toolChoice: 'required',
      responseFormat: {
        type: 'json_schema',
        name: 'n',
        description: 'd',
        schema: { type: 'object' },
        strict: true,
      },
    });
  });

  it('keeps every other parameter, known or not, for OpenAI-compatible upstreams', () => {
    const passed = {
      reasoning_effort: 'low',
      verbosity: 'low',
      service_tier: 'flex',
      store: true,
      metadata: { a: 'b' },
      logit_bias: { '50256': -100 },
      prediction: { type: 'content', content: 'x' },
      prompt_cache_key: 'k',
      prompt_cache_retention: '24h',
      safety_identifier: 's',
      top_k: 5,
      ['__proto__']: { polluted: true },
    };
    const { request } = parseChatRequest({
      model: 'm',
      messages,
      ...passed,
      parallel_tool_calls: false,
      ignored: null,
    });
    expect(request.providerOptions).toEqual({ openai: passed });
    // parallel_tool_calls is a request field every dialect maps (Anthropic: disable_parallel_tool_use).
    expect(request.parallelToolCalls).toBe(false);
    expect(refusal({ parallel_tool_calls: 'no' })).toMatchObject({ param: 'parallel_tool_calls' });
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('maps a message name (system, user, assistant) and refuses one that is not a string', () => {
    const messages = [
      { role: 'developer', content: 'rules', name: 'director' },
      { role: 'user', content: 'hi', name: 'bob' },
      { role: 'assistant', content: 'yes', name: 'planner' },
      { role: 'user', content: [{ type: 'text', text: 'again' }], name: 'bob' },
    ];
    const { request } = parseChatRequest({ model: 'm', messages });
    expect(request.messages.map((m) => (m.role === 'tool' ? undefined : m.name))).toEqual([
      'director',
      'bob',
      'planner',
      'bob',
    ]);
    expect(refusal({ messages: [{ role: 'user', content: 'hi', name: 7 }] })).toEqual({
      param: 'messages[0].name',
      problem: 'invalid_value',
    });
  });

  it.each([
    [{ n: 2 }, 'n'],
    [{ logprobs: true }, 'logprobs'],
    [{ top_logprobs: 3 }, 'top_logprobs'],
    [{ modalities: ['text', 'audio'] }, 'modalities'],
    [{ audio: { voice: 'alloy', format: 'mp3' } }, 'audio'],
    [{ functions: [{ name: 'f' }] }, 'functions'],
    [{ function_call: 'auto' }, 'function_call'],
    [{ web_search_options: {} }, 'web_search_options'],
    [{ stream_options: { include_usage: true, future: 1 } }, 'stream_options.future'],
    [
      { messages: [{ role: 'assistant', content: 'no', refusal: 'I cannot' }] },
      'messages[0].refusal',
    ],
    [{ messages: [{ role: 'assistant', content: 'x', audio: { id: 'a' } }] }, 'messages[0].audio'],
  ])('refuses %j, naming %s', (body, param) => {
    expect(refusal(body)).toEqual({ param, problem: 'unsupported_parameter' });
  });

  it.each([
    [{ temperature: 3 }, 'temperature'],
    [{ max_tokens: 5, max_completion_tokens: 6 }, 'max_completion_tokens'],
    [{ seed: 1.5 }, 'seed'],
    [{ tools: [{ type: 'custom', custom: { name: 'x' } }] }, 'tools[0].type'],
    [{ tool_choice: { type: 'allowed_tools' } }, 'tool_choice'],
    [
      { messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: {} }] }] },
      'messages[0].content[0].type',
    ],
    [
      {
        messages: [
          {
            role: 'user',
            content: [{ type: 'image_url', image_url: { url: 'u', detail: 'max' } }],
          },
        ],
      },
      'messages[0].content[0].image_url.detail',
    ],
  ])('answers a malformed %j with invalid_value naming %s', (body, param) => {
    expect(refusal(body)).toEqual({ param, problem: 'invalid_value' });
  });

  it('refuses JSON nested past maxDepth wherever it is free-form', () => {
    const deep = JSON.parse(`${'['.repeat(50)}${']'.repeat(50)}`);
    expect(() => parseChatRequest({ model: 'm', messages, top_k: deep }, { maxDepth: 40 })).toThrow(
      /40 levels/,
    );
    expect(
      parseChatRequest({ model: 'm', messages, top_k: deep }, { maxDepth: 51 }).request
        .providerOptions,
    ).toBeDefined();
  });
});

describe('parseEmbeddingsRequest', () => {
  it('reads model, input, dimensions and encoding, and refuses anything else', () => {
    expect(
      parseEmbeddingsRequest({ model: 'e', input: 'a', dimensions: 8, encoding_format: 'base64' }),
    ).toEqual({
      request: { model: 'e', input: ['a'], dimensions: 8 },
      base64: true,
    });
    expect(() => parseEmbeddingsRequest({ model: 'e', input: 'a', user: 'u' })).toThrow(
      OpenAIRequestError,
    );
    expect(() => parseEmbeddingsRequest({ model: 'e', input: [[1, 2]] })).toThrow(/token arrays/);
  });
});
