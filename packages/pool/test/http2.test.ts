import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createSecureServer } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpPool } from '../src/index.ts';

// A self-signed certificate for 127.0.0.1, made for this test only (openssl req -x509, 100 years).
const tls = {
  key: readFileSync(new URL('./fixtures/test-key.pem', import.meta.url)),
  cert: readFileSync(new URL('./fixtures/test-cert.pem', import.meta.url)),
};
let previous: string | undefined;

beforeEach(() => {
  // The pool has no TLS options; accepting the self-signed certificate goes through Node's switch.
  previous = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
});

afterEach(() => {
  if (previous === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
  else process.env.NODE_TLS_REJECT_UNAUTHORIZED = previous;
});

async function listen(allowHTTP1: boolean) {
  const server = createSecureServer({ ...tls, allowHTTP1 }, (req, res) => {
    req.resume().on('end', () => res.end(`HTTP/${req.httpVersion} ${req.method} ${req.url}`));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { origin: `https://127.0.0.1:${port}`, server };
}

describe('HTTP/2', () => {
  it('negotiates HTTP/2 when the origin offers it, for every request', async () => {
    const { origin, server } = await listen(true);
    const pool = createHttpPool();
    const answers = [];
    for (const path of ['/a', '/b', '/c']) {
      const { body } = await pool.request(`${origin}${path}`, { method: 'POST', body: '{}' });
      answers.push(await body.text());
    }
    expect(answers).toEqual(['HTTP/2.0 POST /a', 'HTTP/2.0 POST /b', 'HTTP/2.0 POST /c']);
    expect(pool.stats()[0]!.ttfbMs.count).toBe(3);
    await pool.close();
    server.close();
  });

  it('stays on HTTP/1.1 with allowH2: false', async () => {
    const { origin, server } = await listen(true);
    const pool = createHttpPool({ allowH2: false });
    for (let i = 0; i < 2; i++) {
      expect(await (await pool.request(`${origin}/x`)).body.text()).toBe('HTTP/1.1 GET /x');
    }
    await pool.close();
    server.close();
  });
});
