import { expect, it } from 'vitest';
import { startRig } from './fixtures.ts';
import { exchange, isOpenAIError, parseResponses } from './raw-http.ts';

const POST = 'POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n';

/** Requests Node's HTTP parser refuses, and the status each one must get. */
const CASES: readonly (readonly [string, string, number])[] = [
  ['a bad chunk size', `${POST}Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`, 400],
  ['conflicting Content-Lengths', `${POST}Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}`, 400],
  ['a negative Content-Length', `${POST}Content-Length: -1\r\n\r\n{}`, 400],
  [
    'Content-Length with chunked',
    `${POST}Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n`,
    400,
  ],
  ['an unknown Transfer-Encoding', `${POST}Transfer-Encoding: gzip, zstd\r\n\r\n{}`, 400],
  ['oversized headers', `${POST}X-Big: ${'a'.repeat(20_000)}\r\nContent-Length: 2\r\n\r\n{}`, 431],
  ['a header without a colon', `${POST}Broken header line\r\nContent-Length: 2\r\n\r\n{}`, 400],
  ['a header name with a space', `${POST}Bad Name: x\r\nContent-Length: 2\r\n\r\n{}`, 400],
  ['an unknown method', 'BREW /v1/models HTTP/1.1\r\nHost: x\r\n\r\n', 501],
  ['a lower-case method', 'get /v1/models HTTP/1.1\r\nHost: x\r\n\r\n', 501],
  ['an unknown HTTP version', 'GET /v1/models HTTP/3.7\r\nHost: x\r\n\r\n', 400],
  ['a space in the target', 'GET /v1/mo dels HTTP/1.1\r\nHost: x\r\n\r\n', 400],
  ['a NUL in the target', 'GET /v1/\0models HTTP/1.1\r\nHost: x\r\n\r\n', 400],
  ['a TLS handshake', '\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03', 501],
];

it.each(CASES)(
  'answers %s with an OpenAI-shaped JSON error and closes',
  async (_, bytes, status) => {
    await using rig = await startRig();
    const { text } = await exchange(rig.gateway.port, bytes);
    const [response, ...more] = parseResponses(text);
    expect(response?.status).toBe(status);
    expect(response?.headers['content-type']).toBe('application/json');
    expect(response?.headers.connection).toBe('close');
    expect(isOpenAIError(response?.body ?? '')).toBe(true);
    expect(more).toEqual([]);
    const health = await fetch(`${rig.gateway.url}/health`);
    expect(health.status).toBe(200);
  },
);

it('answers a bad chunk early in a large upload, and reads the rest instead of resetting the connection', async () => {
  await using rig = await startRig();
  const upload = Buffer.concat([
    Buffer.from(`${POST}Transfer-Encoding: chunked\r\n\r\nzz\r\n`),
    Buffer.alloc(8 * 1024 * 1024, 'a'),
  ]);
  const { text, error } = await exchange(rig.gateway.port, upload);
  expect(error).toBeUndefined();
  const [response] = parseResponses(text);
  expect(response?.status).toBe(400);
  expect(isOpenAIError(response?.body ?? '')).toBe(true);
});

it('answers a parser error on a kept-alive connection after the answered request before it', async () => {
  await using rig = await startRig();
  const good = 'GET /health HTTP/1.1\r\nHost: x\r\n\r\n';
  const { text } = await exchange(rig.gateway.port, `${good}BREW / HTTP/1.1\r\nHost: x\r\n\r\n`);
  expect(parseResponses(text).map((r) => r.status)).toEqual([200, 501]);
});

it('answers a request that never finishes its headers with a 408 in JSON', async () => {
  await using rig = await startRig({ config: { headersTimeoutMs: 200, requestTimeoutMs: 1_000 } });
  const { text } = await exchange(rig.gateway.port, 'GET /health HTTP/1.1\r\nHost: x\r\n', {
    end: false,
  });
  const [response] = parseResponses(text);
  expect(response?.status).toBe(408);
  expect(isOpenAIError(response?.body ?? '')).toBe(true);
});
