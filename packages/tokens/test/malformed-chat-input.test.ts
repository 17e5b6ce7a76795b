import { propertySeeds } from '@hotpath/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTokenizer, TokensArgumentError, truncate } from '../src/index.ts';

const seeds = propertySeeds('tokens malformed-chat-input');
const tokenizer = createTokenizer({ model: 'gpt-4o' });
const user = { role: 'user', content: 'question' } as const;

const badMessages: [string, unknown][] = [
  ['a null message', null],
  ['toolCalls that is not an array', { role: 'assistant', content: '', toolCalls: 5 }],
  ['a null tool call', { role: 'assistant', content: '', toolCalls: [null] }],
  [
    'a tool call without a name',
    { role: 'assistant', content: '', toolCalls: [{ id: 'a', arguments: '{}' }] },
  ],
  [
    'tool call arguments that are not a string',
    { role: 'assistant', content: '', toolCalls: [{ id: 'a', name: 'f', arguments: {} }] },
  ],
  ['a null content part', { role: 'user', content: [null] }],
  ['a text part without text', { role: 'user', content: [{ type: 'text' }] }],
  ['a text part whose text is a number', { role: 'user', content: [{ type: 'text', text: 5 }] }],
  ['a content part of an unknown type', { role: 'user', content: [{ type: 'audio' }] }],
  [
    'a system message whose content is an array',
    { role: 'system', content: [{ type: 'text', text: 'x' }] },
  ],
];

describe('a malformed chat message', () => {
  it.each(badMessages)(
    '%s fails countMessage, countChat and truncate with HOTPATH_TOKENS_INVALID_ARGUMENT',
    (_, message) => {
      const chat = [message, user] as never[];
      expect(() => tokenizer.countMessage(message as never)).toThrow(TokensArgumentError);
      expect(() => tokenizer.countChat(chat, { tools: [{ name: 'f', parameters: {} }] })).toThrow(
        TokensArgumentError,
      );
      expect(() => truncate(chat, 10_000, { tokenizer })).toThrow(TokensArgumentError);
    },
  );
});

const badTools: [string, unknown][] = [
  ['tools that are a string', 'getWeather'],
  ['a null tool', [null]],
  ['a tool without a name', [{ parameters: {} }]],
  ['a tool whose parameters are null', [{ name: 'f', parameters: null }]],
  ['a tool whose description is a number', [{ name: 'f', description: 5, parameters: {} }]],
  [
    'a property schema that is null',
    [{ name: 'f', parameters: { type: 'object', properties: { a: null } } }],
  ],
  [
    'array items that are null',
    [
      {
        name: 'f',
        parameters: { type: 'object', properties: { a: { type: 'array', items: null } } },
      },
    ],
  ],
];

const badChoices: [string, unknown][] = [
  ['a number', 5],
  ['null', null],
  ['an unknown string', 'sometimes'],
  ['an object without a name', { type: 'function' }],
  ['an object whose name is a number', { name: 5 }],
];

describe('malformed tools or toolChoice', () => {
  it.each(badTools)(
    '%s fail countChat and countTools with HOTPATH_TOKENS_INVALID_ARGUMENT',
    (_, tools) => {
      expect(() => tokenizer.countChat([user], { tools: tools as never })).toThrow(
        TokensArgumentError,
      );
      expect(() => tokenizer.countTools([user], { tools: tools as never })).toThrow(
        TokensArgumentError,
      );
    },
  );

  it.each(badChoices)(
    'toolChoice %s fails countChat with HOTPATH_TOKENS_INVALID_ARGUMENT',
    (_, choice) => {
      expect(() => tokenizer.countChat([user], { toolChoice: choice as never })).toThrow(
        TokensArgumentError,
      );
    },
  );

  it('still counts the documented forms', () => {
    const tools = [
      {
        name: 'f',
        description: 'd',
        parameters: { type: 'object', properties: { a: { type: 'string' } } },
      },
    ];
    for (const toolChoice of ['auto', 'none', 'required', { name: 'f' }] as const) {
      expect(tokenizer.countChat([user], { tools, toolChoice })).toBeGreaterThan(0);
    }
    expect(tokenizer.countChat([user], { tools })).toBeGreaterThan(0);
    const parts = [
      { type: 'text', text: 'x' },
      { type: 'image', image: 'https://example.com/a.png' },
    ] as const;
    expect(tokenizer.countMessage({ role: 'user', content: parts })).toBeGreaterThan(765);
  });
});

describe('any JSON as a chat', () => {
  it.each(seeds)(
    'countChat and truncate either count it or throw HOTPATH_TOKENS_INVALID_ARGUMENT (seed %i)',
    (seed) => {
      const part = fc.oneof(
        fc.record(
          { type: fc.constantFrom('text', 'image', 'x'), text: fc.jsonValue({ maxDepth: 1 }) },
          { requiredKeys: ['type'] },
        ),
        fc.jsonValue({ maxDepth: 1 }),
      );
      const call = fc.oneof(
        fc.record(
          {
            id: fc.jsonValue({ maxDepth: 0 }),
            name: fc.jsonValue({ maxDepth: 0 }),
            arguments: fc.jsonValue({ maxDepth: 1 }),
          },
          { requiredKeys: [] },
        ),
        fc.jsonValue({ maxDepth: 0 }),
      );
      const message = fc.oneof(
        fc.record(
          {
            role: fc.constantFrom('system', 'user', 'assistant', 'tool', 'other'),
            content: fc.oneof(
              fc.string(),
              fc.array(part, { maxLength: 3 }),
              fc.jsonValue({ maxDepth: 0 }),
            ),
            toolCalls: fc.oneof(fc.array(call, { maxLength: 2 }), fc.jsonValue({ maxDepth: 0 })),
            toolCallId: fc.jsonValue({ maxDepth: 0 }),
          },
          { requiredKeys: ['role', 'content'] },
        ),
        fc.jsonValue({ maxDepth: 1 }),
      );
      const schema = fc.letrec((tie) => ({
        node: fc.oneof(
          { depthSize: 'small' },
          fc.jsonValue({ maxDepth: 0 }),
          fc.record(
            {
              type: fc.constantFrom('object', 'array', 'string', 'x'),
              properties: fc.dictionary(fc.string({ maxLength: 3 }), tie('node'), { maxKeys: 2 }),
              items: tie('node'),
              description: fc.jsonValue({ maxDepth: 0 }),
            },
            { requiredKeys: [] },
          ),
        ),
      })).node;
      const tool = fc.oneof(
        fc.record(
          {
            name: fc.jsonValue({ maxDepth: 0 }),
            description: fc.jsonValue({ maxDepth: 0 }),
            parameters: schema,
          },
          { requiredKeys: [] },
        ),
        fc.jsonValue({ maxDepth: 0 }),
      );
      const options = fc.record(
        {
          tools: fc.oneof(fc.array(tool, { maxLength: 2 }), fc.jsonValue({ maxDepth: 0 })),
          toolChoice: fc.oneof(
            fc.constantFrom('auto', 'none', 'required'),
            fc.record({ name: fc.jsonValue({ maxDepth: 0 }) }),
            fc.jsonValue({ maxDepth: 0 }),
          ),
        },
        { requiredKeys: [] },
      );
      fc.assert(
        fc.property(fc.array(message, { maxLength: 4 }), options, (chat, opts) => {
          for (const run of [
            () => tokenizer.countChat(chat as never[], opts as never),
            () => truncate(chat as never[], 100_000, { tokenizer, ...(opts as object) }),
          ]) {
            try {
              expect(typeof (run() as unknown)).not.toBe('undefined');
            } catch (error) {
              expect(error).toBeInstanceOf(TokensArgumentError);
            }
          }
        }),
        { seed, numRuns: 400 },
      );
    },
  );
});
