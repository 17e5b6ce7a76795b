import { canonicalDigest, createCache, ResponseCache, requestKey, sha256 } from '@hotpath/cache';
import type { CompletionRequest } from '@hotpath/protocol';
import { anyString, nearStrings, propertySeeds } from '@hotpath/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const seeds = propertySeeds();
const numRuns = 300;

/** A JSON-like value with arbitrary strings everywhere, keys included, nested a few levels. */
const json: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.double({ noNaN: true }),
    fc.bigInt(),
    fc.integer(),
    anyString,
    fc.uint8Array({ maxLength: 16 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(anyString, tie('value'), { maxKeys: 4 }),
  ),
})).value;

const part = fc.oneof(
  fc.record({ type: fc.constant('text' as const), text: anyString }),
  fc.record(
    {
      type: fc.constant('image' as const),
      image: fc.oneof(anyString, fc.uint8Array({ maxLength: 32 })),
      mediaType: anyString,
      detail: fc.constantFrom('auto' as const, 'low' as const, 'high' as const),
    },
    { requiredKeys: ['type', 'image'] },
  ),
);

const message = fc.oneof(
  fc.record({ role: fc.constant('system' as const), content: anyString }),
  fc.record({
    role: fc.constant('user' as const),
    content: fc.oneof(anyString, fc.array(part, { maxLength: 3 })),
  }),
  fc.record(
    {
      role: fc.constant('assistant' as const),
      content: anyString,
      reasoning: anyString,
      toolCalls: fc.array(fc.record({ id: anyString, name: anyString, arguments: anyString }), {
        maxLength: 2,
      }),
    },
    { requiredKeys: ['role', 'content'] },
  ),
  fc.record({ role: fc.constant('tool' as const), toolCallId: anyString, content: anyString }),
);

const schema = fc.dictionary(anyString, json, { maxKeys: 3 });

/** Every field of a `CompletionRequest`, each with arbitrary strings where it takes text. */
const request: fc.Arbitrary<CompletionRequest> = fc.record(
  {
    model: anyString,
    messages: fc.array(message, { maxLength: 4 }),
    tools: fc.array(
      fc.record(
        { name: anyString, description: anyString, parameters: schema },
        { requiredKeys: ['name', 'parameters'] },
      ),
      { maxLength: 2 },
    ),
    toolChoice: fc.oneof(
      fc.constantFrom('auto' as const, 'none' as const, 'required' as const),
      fc.record({ name: anyString }),
    ),
    responseFormat: fc.oneof(
      fc.constant({ type: 'text' as const }),
      fc.constant({ type: 'json_object' as const }),
      fc.record(
        {
          type: fc.constant('json_schema' as const),
          name: anyString,
          schema,
          strict: fc.boolean(),
        },
        { requiredKeys: ['type', 'name', 'schema'] },
      ),
    ),
    temperature: fc.double({ min: 0, max: 2, noNaN: true }),
    topP: fc.double({ min: 0, max: 1, noNaN: true }),
    maxTokens: fc.nat(),
    seed: fc.integer(),
    stop: fc.array(anyString, { maxLength: 3 }),
    user: anyString,
    metadata: fc.dictionary(anyString, anyString, { maxKeys: 2 }),
  },
  { requiredKeys: ['model', 'messages'] },
);

/**
 * What "the same request" means, written independently of the encoder: a tagged tree whose JSON
 * is unambiguous (JSON.stringify escapes lone surrogates), object keys sorted, `undefined`
 * fields dropped, and the request's `user` and `metadata` left out.
 */
function reference(value: unknown, top = false): unknown {
  if (value === null || value === undefined) return ['n'];
  if (typeof value === 'string') return ['s', value];
  if (typeof value === 'bigint') return ['i', String(value)];
  if (typeof value === 'number') return ['d', String(value)];
  if (typeof value === 'boolean') return ['b', value];
  if (value instanceof Uint8Array) return ['x', [...value]];
  if (Array.isArray(value)) return ['a', value.map((item) => reference(item))];
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(
      ([key, field]) => field !== undefined && !(top && (key === 'user' || key === 'metadata')),
    )
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, field]) => [key, reference(field)]);
  return ['o', entries];
}

const sameRequest = (a: CompletionRequest, b: CompletionRequest) =>
  JSON.stringify(reference(a, true)) === JSON.stringify(reference(b, true));

/**
 * Every string in a value (object keys too, unless `renameKeys` is false for this level: a request
 * keeps its field names), with a setter that returns a copy with that one string replaced.
 */
function stringLeaves(value: unknown, renameKeys = true): ((next: string) => unknown)[] {
  if (typeof value === 'string') return [(next) => next];
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return [];
  const leaves: ((next: string) => unknown)[] = [];
  const isArray = Array.isArray(value);
  for (const [key, field] of Object.entries(value)) {
    const copy = (replaced: unknown) => {
      if (isArray)
        return (value as unknown[]).map((item, i) => (String(i) === key ? replaced : item));
      const object = { ...(value as object) } as Record<string, unknown>;
      put(object, key, replaced);
      return object;
    };
    for (const set of stringLeaves(field)) leaves.push((next) => copy(set(next)));
    // Object keys are key material too: rename this one.
    if (!isArray && renameKeys)
      leaves.push((next) => renameKey(value as Record<string, unknown>, key, next));
  }
  return leaves;
}

/** Sets an own property, even one named `__proto__`. */
function put(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function renameKey(object: Record<string, unknown>, from: string, to: string): object {
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(object)) if (key !== from) put(copy, key, field);
  if (!Object.hasOwn(copy, to)) put(copy, to, object[from]);
  return copy;
}

/** A copy with every object's keys in reverse order and an `undefined` field added. */
function reordered(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return value;
  if (Array.isArray(value)) return value.map(reordered);
  const copy: Record<string, unknown> = { 'added-undefined': undefined };
  for (const key of Object.keys(value).reverse())
    put(copy, key, reordered((value as Record<string, unknown>)[key]));
  return copy;
}

const key = (r: CompletionRequest, scope = '') => requestKey(r, scope, sha256) as string;
const responses = new ResponseCache({ cache: await createCache() });

describe.each(seeds)('request keys (seed %i)', (seed) => {
  it('two different requests never share a key: one string changed anywhere, to a hard code unit or any string', () => {
    fc.assert(
      fc.property(
        request,
        fc.nat(),
        fc.oneof(
          anyString,
          nearStrings.map(([, b]) => b),
        ),
        (a, at, text) => {
          const leaves = stringLeaves(a, false);
          fc.pre(leaves.length > 0);
          const b = leaves[at % leaves.length]!(text) as CompletionRequest;
          const same = sameRequest(a, b);
          expect(key(a) === key(b)).toBe(same);
        },
      ),
      { seed, numRuns },
    );
  });

  it('two different requests never share a key: independent requests', () => {
    fc.assert(
      fc.property(request, request, (a, b) => {
        expect(key(a) === key(b)).toBe(sameRequest(a, b));
      }),
      { seed, numRuns },
    );
  });

  it('two strings that differ in one code unit (lone surrogates, U+FFFD, NUL) never share a key in any field', () => {
    fc.assert(
      fc.property(nearStrings, request, fc.nat(), ([x, y], base, at) => {
        fc.pre(x !== y);
        const leaves = stringLeaves(base, false);
        fc.pre(leaves.length > 0);
        const set = leaves[at % leaves.length]!;
        const a = set(x) as CompletionRequest;
        const b = set(y) as CompletionRequest;
        expect(key(a) === key(b)).toBe(sameRequest(a, b));
      }),
      { seed, numRuns },
    );
  });

  it('two different scopes never share a key for the same request', () => {
    fc.assert(
      fc.property(request, fc.oneof(nearStrings, fc.tuple(anyString, anyString)), (r, [a, b]) => {
        expect(key(r, a) === key(r, b)).toBe(a === b);
      }),
      { seed, numRuns },
    );
  });

  it('equal requests share a key whatever their object key order, undefined fields, user and metadata', () => {
    fc.assert(
      fc.property(request, anyString, anyString, (r, user, scope) => {
        const twin = { ...(reordered(r) as CompletionRequest), user, metadata: { user } };
        expect(key(twin, scope)).toBe(key(r, scope));
      }),
      { seed, numRuns },
    );
  });

  it('an injected hash is handed the material the default key hashes: text only when it is the UTF-8 of that text', () => {
    fc.assert(
      fc.property(request, anyString, (r, scope) => {
        let seen: string | Uint8Array = '';
        const digest = requestKey(r, scope, (data) => {
          seen = data;
          return sha256(data);
        });
        expect(digest).toBe(key(r, scope));
        if (typeof seen === 'string') expect(seen).toBe(Buffer.from(seen, 'utf8').toString('utf8'));
      }),
      { seed, numRuns },
    );
  });

  it("a cache's key of a request never depends on the requests it keyed before, failed ones included", () => {
    fc.assert(
      fc.property(request, request, anyString, (a, b, scope) => {
        const fresh = key(a, scope);
        responses.key(b, scope);
        expect(() =>
          responses.key({ ...b, tools: [{ name: 'x', parameters: deep(1100) }] }),
        ).toThrow();
        expect(responses.key(a, scope)).toBe(fresh);
      }),
      { seed, numRuns: 100 },
    );
  });
});

describe.each(seeds)('canonicalDigest (seed %i)', (seed) => {
  it('two different JSON values never share a digest; equal ones always do', () => {
    fc.assert(
      fc.property(json, json, fc.nat(), anyString, (a, b, at, text) => {
        const leaves = stringLeaves(a);
        const c = leaves.length === 0 ? b : leaves[at % leaves.length]!(text);
        for (const other of [b, c, reordered(a)]) {
          const same = JSON.stringify(reference(a)) === JSON.stringify(reference(other));
          expect(canonicalDigest(a) === canonicalDigest(other)).toBe(same);
        }
      }),
      { seed, numRuns },
    );
  });
});

function deep(levels: number): Record<string, unknown> {
  let schema: Record<string, unknown> = {};
  for (let i = 0; i < levels; i++) schema = { items: schema };
  return schema;
}

it('keeps the encodings of the hard cases apart (examples the properties must cover)', () => {
  const content = (text: string): CompletionRequest => ({
    model: 'm',
    messages: [{ role: 'user', content: text }],
  });
  const texts = ['\uD800', '\uDBFF', '\uDC00', '\uFFFD', '\u0000', '', 'a\uD800b', 'a\uDC00b'];
  expect(new Set(texts.map((t) => key(content(t)))).size).toBe(texts.length);
  expect(new Set(texts.map((t) => key(content('x'), t))).size).toBe(texts.length);
  // A string and the same characters split across two strings are different requests.
  expect(key({ model: 'ab', messages: [] })).not.toBe(
    key({ model: 'a', messages: [], stop: ['b'] }),
  );
});

it('keys the same request to the same key as every release since the v2 encoding (stored answers stay reachable)', () => {
  // Computed by the v2 encoder as first released: one request with every kind of token, short and
  // long ASCII, Latin-1 and wide strings (emoji, CJK, lone surrogates, U+FFFD, NUL), bytes,
  // numbers and a bigint. A change of the key bytes must change KEY_VERSION instead.
  const request = {
    model: 'gpt-4o-mini',
    temperature: 0,
    maxTokens: 512,
    seed: -3,
    // Short strings around the 24-unit loop limit, ASCII, Latin-1 and wide, lone surrogates too.
    stop: [
      '\n',
      'END',
      '中',
      '\uD800',
      'a\uDC00b',
      '😀',
      `${'x'.repeat(24)}é`,
      `${'x'.repeat(23)}中`,
      'y'.repeat(24),
      'z'.repeat(25),
    ],
    messages: [
      { role: 'system', content: 'You are terse. '.repeat(10) },
      { role: 'user', content: 'Grüße, café — déjà vu. '.repeat(4) },
      { role: 'assistant', content: '中文 👋🏽 family 👨‍👩‍👧‍👦 ok' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'lone \uD800 high, \uDC00 low, \uFFFD, NUL \u0000.' },
          { type: 'image', image: new Uint8Array([0, 1, 254, 255]), mediaType: 'image/png' },
        ],
      },
    ],
    tools: [
      {
        name: 'é',
        parameters: {
          big: 12345678901234567890n,
          n: null,
          yes: true,
          no: false,
          x: 1.5e-7,
          deep: [[['ß']]],
        },
      },
    ],
    user: 'left out',
  } as unknown as CompletionRequest;
  expect(key(request, 'tenant-ä')).toBe(
    'v2:76c84ea77970d469fd825155b19bec16187e51ae60a4c480215989df64a9b3f6',
  );
});
