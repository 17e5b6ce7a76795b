import { once } from 'node:events';
import { get, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionResetError, collect, TruncatedStreamError } from '../src/index.ts';
import { DONE, decodeTest, failure, serve, testEvent } from './helpers.ts';

const events = [
  testEvent({ text: 'héllo ' }),
  testEvent({ text: 'wörld' }),
  testEvent({ finish: 'stop' }),
];

let server: Awaited<ReturnType<typeof serve>>;
let closedByClient = 0;
beforeAll(async () => {
  server = await serve((req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.on('close', () => {
      if (!res.writableFinished) closedByClient++;
    });
    const bytes = Buffer.from(events.join(''));
    // Write one byte at a time so events and UTF-8 characters are split everywhere.
    for (let i = 0; i < bytes.length - 1; i++) res.write(bytes.subarray(i, i + 1));
    if (req.url === '/reset') res.write(bytes.subarray(-1), () => res.socket?.destroy());
    else res.write(bytes.subarray(-1));
    if (req.url === '/reset') return;
    if (req.url === '/truncated') res.end();
    else if (req.url === '/endless') return;
    else res.end(DONE);
  });
});
afterAll(() => server.close());

async function open(path: string): Promise<{ res: IncomingMessage; upstream: { abort(): void } }> {
  const req = get(`${server.url}${path}`);
  const [res] = (await once(req, 'response')) as [IncomingMessage];
  return { res, upstream: { abort: () => req.destroy() } };
}

describe('a node:http IncomingMessage as the body', () => {
  it('decodes a stream written one byte at a time', async () => {
    const { res, upstream } = await open('/');
    expect(await collect(decodeTest(res, { upstream }))).toMatchObject({
      text: 'héllo wörld',
      finishReason: 'stop',
    });
  });

  it('a socket destroyed mid-stream fails with HOTPATH_STREAM_CONNECTION_RESET', async () => {
    const { res, upstream } = await open('/reset');
    expect(await failure(decodeTest(res, { upstream }))).toBeInstanceOf(ConnectionResetError);
  });

  it('a body that ends without its end marker fails with HOTPATH_STREAM_TRUNCATED', async () => {
    const { res, upstream } = await open('/truncated');
    expect(await failure(decodeTest(res, { upstream }))).toBeInstanceOf(TruncatedStreamError);
  });

  it('break closes the connection: the server sees the client leave', async () => {
    const { res, upstream } = await open('/endless');
    for await (const delta of decodeTest(res, { upstream })) if (delta.type === 'text') break;
    await expect.poll(() => closedByClient, { timeout: 10_000 }).toBe(1);
  });
});
