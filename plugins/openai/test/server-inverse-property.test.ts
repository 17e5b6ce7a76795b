import { anyString, propertySeeds } from '@hotpath/testing';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { openaiDialect } from '../src/index.ts';
import { parseChatRequest } from '../src/server/index.ts';

// The two halves of the OpenAI wire meet in the gateway: `parseChatRequest` reads what a client
// sent, `openaiDialect.chat.body` writes what goes upstream. For every request in the form the
// dialect writes (canonical), reading then writing gives the same JSON back; for the other
// spellings a client may use (a `developer` role, `max_completion_tokens`, text parts for a
// system prompt, one stop string …), it gives that canonical JSON.

type Json = Record<string, unknown>;

const text = anyString;
const nonEmpty = anyString.filter((s) => s.length > 0);
const jsonObject = fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 3 }), {
  maxKeys: 4,
});
const finite = (min: number, max: number) => fc.double({ min, max, noNaN: true });

const toolCall = fc.record({
  id: text,
  type: fc.constant('function'),
  function: fc.record({ name: text, arguments: text }),
});
const part = fc.oneof(
  fc.record({ type: fc.constant('text'), text }),
  fc.record({
    type: fc.constant('image_url'),
    image_url: fc.oneof(
      fc.record({ url: text }),
      fc.record({ url: text, detail: fc.constantFrom('auto', 'low', 'high') }),
    ),
  }),
);
const message = fc.oneof(
  fc.record({ role: fc.constant('system'), content: text }),
  fc.record({
    role: fc.constant('user'),
    content: fc.oneof(text, fc.array(part, { maxLength: 3 })),
  }),
  fc.record({ role: fc.constant('assistant'), content: text }),
  fc.record({
    role: fc.constant('assistant'),
    content: fc.option(nonEmpty, { nil: null }),
    tool_calls: fc.array(toolCall, { minLength: 1, maxLength: 3 }),
  }),
  fc.record({ role: fc.constant('tool'), tool_call_id: text, content: text }),
);
const tool = fc.record(
  {
    type: fc.constant('function'),
    function: fc.record(
      { name: text, description: text, parameters: jsonObject, strict: fc.boolean() },
      { requiredKeys: ['name', 'parameters'] },
    ),
  },
  { requiredKeys: ['type', 'function'] },
);
const responseFormat = fc.oneof(
  fc.record({ type: fc.constantFrom('text', 'json_object') }),
  fc.record({
    type: fc.constant('json_schema'),
    json_schema: fc.record(
      { name: text, description: text, schema: jsonObject, strict: fc.boolean() },
      { requiredKeys: ['name', 'schema'] },
    ),
  }),
);
/** Parameters kept for OpenAI-compatible upstreams as they are: known ones, and a server's own. */
const passThrough = fc.record(
  {
    reasoning_effort: fc.constantFrom('minimal', 'low', 'medium', 'high'),
    service_tier: fc.constantFrom('auto', 'default', 'flex', 'priority'),
    logit_bias: fc.dictionary(
      fc.integer({ min: 0, max: 200_000 }).map(String),
      fc.integer({ min: -100, max: 100 }),
    ),
    parallel_tool_calls: fc.boolean(),
    store: fc.boolean(),
    metadata: fc.dictionary(fc.string({ maxLength: 8 }), text, { maxKeys: 3 }),
    prediction: fc.record({ type: fc.constant('content'), content: text }),
    verbosity: fc.constantFrom('low', 'medium', 'high'),
    prompt_cache_key: text,
    safety_identifier: text,
    top_k: fc.nat(),
    chat_template_kwargs: jsonObject,
  },
  { requiredKeys: [] },
);

const canonical = fc
  .record(
    {
      model: nonEmpty,
      messages: fc.array(message, { minLength: 1, maxLength: 5 }),
      tools: fc.array(tool, { minLength: 1, maxLength: 3 }),
      tool_choice: fc.oneof(
        fc.constantFrom('auto', 'none', 'required'),
        fc.record({ type: fc.constant('function'), function: fc.record({ name: text }) }),
      ),
      response_format: responseFormat,
      temperature: finite(0, 2),
      top_p: finite(0, 1),
      max_completion_tokens: fc.nat(),
      seed: fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
      stop: fc.array(text, { minLength: 1, maxLength: 4 }),
      presence_penalty: finite(-2, 2),
      frequency_penalty: finite(-2, 2),
      user: text,
      stream: fc.constant(true),
    },
    { requiredKeys: ['model', 'messages'] },
  )
  .chain((body) => passThrough.map((extra) => ({ ...extra, ...body }) as Json))
  .map((body) => (body.stream ? { ...body, stream_options: { include_usage: true } } : body));

/** Rewrites a canonical body in the other spellings OpenAI accepts for the same request. */
function respelled(body: Json, choices: readonly boolean[]): Json {
  const pick = (i: number): boolean => choices[i % choices.length] === true;
  const out: Json = { ...body };
  out.messages = (body.messages as Json[]).map((m, i) => {
    if (m.role === 'system' && pick(i))
      return { role: 'developer', content: [{ type: 'text', text: m.content }] };
    if (m.role === 'assistant' && m.content === null && pick(i)) return { ...m, content: '' };
    if (m.role === 'tool' && pick(i + 1))
      return { ...m, content: [{ type: 'text', text: m.content }] };
    return m;
  });
  if (out.max_completion_tokens !== undefined && pick(1)) {
    out.max_tokens = out.max_completion_tokens;
    if (pick(2)) delete out.max_completion_tokens;
  }
  const stop = out.stop as string[] | undefined;
  if (stop?.length === 1 && pick(3)) out.stop = stop[0];
  for (const key of ['n', 'logprobs', 'modalities', 'top_logprobs', 'audio'] as const)
    if (pick(4)) out[key] = null;
  if (pick(5)) out.n = 1;
  if (pick(6)) out.logprobs = false;
  if (pick(7)) out.modalities = ['text'];
  return out;
}

function roundTrip(body: Json): Record<string, unknown> {
  const { request, stream } = parseChatRequest(structuredClone(body));
  return openaiDialect.chat.body(request, stream);
}

it.each(propertySeeds('openai server/client inverse'))(
  'a canonical request read by parseChatRequest and written by openaiDialect.chat.body is the same JSON (seed %i)',
  (seed) => {
    fc.assert(
      fc.property(canonical, (body) => {
        expect(roundTrip(body)).toEqual(body);
      }),
      { seed, numRuns: 300 },
    );
  },
);

it.each(propertySeeds('openai server/client inverse'))(
  'every other spelling of a request is written as its canonical JSON (seed %i)',
  (seed) => {
    fc.assert(
      fc.property(
        canonical,
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        (body, choices) => {
          expect(roundTrip(respelled(body, choices))).toEqual(body);
        },
      ),
      { seed, numRuns: 300 },
    );
  },
);
