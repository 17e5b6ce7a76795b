import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { anyString, propertySeeds } from '@hotpath/testing';
import fc from 'fast-check';
import { request } from 'undici';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHttpPool, type HttpPool, PoolArgumentError } from '../src/index.ts';

const server = createServer((req, res) => res.end(req.url));
let base = '';
let pool: HttpPool;

beforeAll(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  pool = createHttpPool({ connections: 4 });
});

afterAll(async () => {
  await pool.close();
  server.close();
});

/** What the server saw as the request target, or the error's code. */
async function target(send: () => Promise<{ body: { text(): Promise<string> } }>) {
  try {
    return await (await send()).body.text();
  } catch (error) {
    return `error ${(error as { code?: string }).code}`;
  }
}

it.each([
  ['/x#fragment', '/x'],
  ['?q=1#h', '/?q=1'],
  ['/a/../b', '/b'],
  ['/a/./b', '/a/b'],
  ['/a b', '/a%20b'],
  ['/é', '/%C3%A9'],
  ['\\evil', '/evil'],
  ['/x\ty', '/xy'],
  ['?', '/'],
  ['/a/%2e%2E/b', '/b'],
  ['/a/.%2e/b', '/b'],
  ["?a'b", '/?a%27b'],
  ["/a'b", "/a'b"],
])(
  'a URL string ending %j reaches the server as %j, as undici.request and a URL object send it',
  async (suffix, expected) => {
    expect(await target(() => pool.request(base + suffix))).toBe(expected);
    expect(await target(() => pool.request(new URL(base + suffix)))).toBe(expected);
    expect(await target(() => request(base + suffix))).toBe(expected);
  },
);

it('a string that is not an http(s) URL rejects with PoolArgumentError', async () => {
  for (const url of ['not a url', '', 'http://[::1', 'ftp://example.com/x', 'file:///etc/passwd']) {
    await expect(pool.request(url)).rejects.toBeInstanceOf(PoolArgumentError);
  }
});

// The characters where a hand-made split and the URL parser could disagree, densely.
const urlish = fc
  .array(fc.constantFrom(...'/?#.%2eE\'\\ aZ09-_~!$&()*+,;=:@[]|{}`^"<>\t'), { maxLength: 16 })
  .map((chars) => chars.join(''));
const suffix = fc
  .tuple(
    fc.constantFrom('/', '?', '#', '\\', '/./', '/../', '/a?b#', '/%2e/', "/?'"),
    fc.oneof(anyString, urlish),
  )
  .map(([start, rest]) => start + rest);

it.each(propertySeeds('pool URL forms'))(
  'any URL string reaches the server with the request target undici.request sends for it (seed %i)',
  async (seed) => {
    await fc.assert(
      fc.asyncProperty(suffix, async (tail) => {
        const url = base + tail;
        const expected = await target(() => request(url));
        expect(await target(() => pool.request(url))).toBe(expected);
      }),
      { seed, numRuns: 60 },
    );
  },
);
