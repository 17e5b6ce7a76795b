import { propertySeeds } from '@hotpath/testing';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { hello, startRig } from './fixtures.ts';
import { exchange, isOpenAIError, splitResponses } from './raw-http.ts';

// Raw bytes at the gateway's HTTP layer: request lines, headers, chunking and lengths, each
// broken in the ways clients and attackers break them. Whatever arrives, the gateway answers
// with JSON (an OpenAI-shaped error for a refusal) or closes the connection cleanly, and goes on
// serving valid calls between the bad ones.

const bytes = (maxLength: number) =>
  fc.array(fc.integer({ min: 0, max: 255 }), { maxLength }).map((a) => String.fromCharCode(...a));
const token = fc.string({
  unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCXYZ-_0123456789'.split('')),
  minLength: 1,
  maxLength: 12,
});

// Mostly well-formed parts, so most messages get past the request line and break later.
const method = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('GET', 'POST') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'PUT',
      'DELETE',
      'HEAD',
      'OPTIONS',
      'PATCH',
      'CONNECT',
      'TRACE',
      'BREW',
      'get',
      'POST ',
      ' POST',
      '',
    ),
  },
  { weight: 1, arbitrary: fc.oneof(token, bytes(8)) },
);
const target = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('/v1/chat/completions', '/health') },
  fc.constantFrom(
    '/v1/chat/completions',
    '/v1/embeddings',
    '/v1/models',
    '/health',
    '/metrics',
    '*',
    '/',
    'http://x/health',
    '/v1/chat/completions?x=1#f',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }).map((s) => `/${s}`),
  bytes(40),
  fc.nat(5000).map((n) => `/${'a'.repeat(n)}`),
);
const version = fc.oneof(
  { weight: 8, arbitrary: fc.constant('HTTP/1.1') },
  fc.constantFrom('HTTP/1.0', 'HTTP/2.0', 'HTTP/0.9', 'HTTP/1.1 x', 'HTTP/11', 'http/1.1', ''),
  bytes(10),
);
const eol = fc.oneof(
  { weight: 8, arbitrary: fc.constant('\r\n') },
  fc.constantFrom('\n', '\r', '\r\r\n'),
);
const length = fc.oneof(
  fc.nat(200).map(String),
  fc.constantFrom(
    '-1',
    '0x10',
    '1e3',
    '',
    ' 5',
    '5 ',
    '18446744073709551616',
    '9007199254740993',
    '+4',
    '4, 4',
    '4,5',
  ),
);
const header = fc.oneof(
  fc.tuple(fc.constant('Content-Length'), length),
  fc.tuple(
    fc.constant('Transfer-Encoding'),
    fc.constantFrom(
      'chunked',
      'gzip',
      'chunked, gzip',
      'gzip, chunked',
      'identity',
      'chunked ',
      'CHUNKED',
      'x',
    ),
  ),
  fc.tuple(fc.constant('Expect'), fc.constantFrom('100-continue', '200-ok', '')),
  fc.tuple(fc.constant('Connection'), fc.constantFrom('close', 'keep-alive', 'upgrade', 'x')),
  fc.tuple(
    fc.constantFrom('Content-Type', 'Host', 'Authorization'),
    fc.string({ unit: 'binary', maxLength: 30 }),
  ),
  fc.tuple(token, fc.string({ unit: 'binary', maxLength: 30 })),
  fc.tuple(bytes(12), bytes(30)),
  fc.tuple(
    fc.constant('X-Big'),
    fc.nat(40_000).map((n) => 'b'.repeat(n)),
  ),
);
const chunk = fc.oneof(
  fc.string({ maxLength: 30 }).map((s) => `${Buffer.byteLength(s).toString(16)}\r\n${s}\r\n`),
  fc
    .tuple(
      fc.oneof(
        fc.constantFrom('zz', '-1', 'fffffffffffffffff', '', '1;ext=1', ' 3'),
        fc.nat(100).map((n) => n.toString(16)),
      ),
      bytes(20),
    )
    .map(([size, data]) => `${size}\r\n${data}\r\n`),
);
const body = fc.oneof(
  fc.constant(''),
  // Large uploads: a refusal must not reset a connection the client is still writing to.
  fc.nat(2_000_000).map((n) => 'x'.repeat(n)),
  fc.constant(JSON.stringify({ model: 'sim-small', messages: hello })),
  bytes(200),
  fc
    .array(chunk, { maxLength: 4 })
    .chain((chunks) =>
      fc.constantFrom('0\r\n\r\n', '0\r\n', '', 'x').map((end) => chunks.join('') + end),
    ),
);
const structured = fc
  .record({ method, target, version, eol, headers: fc.array(header, { maxLength: 6 }), body })
  .map(
    ({ method, target, version, eol, headers, body }) =>
      `${method} ${target} ${version}${eol}${headers.map(([n, v]) => `${n}: ${v}${eol}`).join('')}${eol}${body}`,
  );
const message = fc.oneof({ weight: 9, arbitrary: structured }, { weight: 1, arbitrary: bytes(60) });

/** Every byte on the wire is a whole response, in JSON (an OpenAI-shaped error for a refusal). */
function checkAnswers(text: string, head: boolean, statuses: Map<number, number>): void {
  // A HEAD request the parser refused is answered in full: it is not known to be a HEAD.
  const asHead = splitResponses(text, head);
  const { responses, rest } = asHead.rest === '' ? asHead : splitResponses(text);
  head = head && asHead.rest === '';
  expect(rest).toBe('');
  for (const response of responses) {
    if (response.status < 200) continue;
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    // An OPTIONS request is answered 204 with its `allow` header: no content, no type.
    if (response.status === 204) continue;
    expect(response.headers['content-type'] ?? '').toMatch(
      /^(application\/json|text\/plain; version=0\.0\.4|text\/event-stream)/,
    );
    // A HEAD request's answer carries the headers of the JSON error, without its body.
    if (response.status >= 400 && !head) expect(isOpenAIError(response.body)).toBe(true);
  }
  if (responses.length === 0) statuses.set(0, (statuses.get(0) ?? 0) + 1);
}

it.each(propertySeeds('gateway http fuzz'))(
  'answers any malformed request with JSON or a clean close, and keeps serving valid calls (seed %i)',
  async (seed) => {
    await using rig = await startRig({
      sim: { responseTokens: 4 },
      config: { headersTimeoutMs: 1_000, requestTimeoutMs: 2_000 },
    });
    let valid = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(message, async (raw) => {
        const { text, error } = await exchange(rig.gateway.port, Buffer.from(raw, 'latin1'), {
          timeoutMs: 4_000,
        });
        expect(error).toBeUndefined();
        checkAnswers(text, raw.startsWith('HEAD '), statuses);
        const answer = await rig.client.chat.completions.create({
          model: 'sim-small',
          messages: hello,
          temperature: 0,
        });
        expect(answer.choices[0]?.message.content).toBeTruthy();
        valid++;
      }),
      { seed, numRuns: 300 },
    );
    expect(valid).toBeGreaterThanOrEqual(300);
    // The fuzz reached the parser's refusals, not only the handler's.
    const refused = [400, 413, 431, 501].reduce((n, status) => n + (statuses.get(status) ?? 0), 0);
    expect(refused).toBeGreaterThan(100);
    console.info(
      `gateway http fuzz (seed ${seed}): statuses ${JSON.stringify([...statuses].sort())}`,
    );
  },
  120_000,
);
