import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { expect, it } from 'vitest';
import { startRig } from './fixtures.ts';
import { exchange, isOpenAIError, parseResponses } from './raw-http.ts';

async function open(port: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  return socket;
}

it('answers a connection past maxConnections with a 503 in JSON and closes it; a freed slot serves again', async () => {
  await using rig = await startRig({ config: { maxConnections: 2 } });
  const held = [await open(rig.gateway.port), await open(rig.gateway.port)];
  const { text } = await exchange(rig.gateway.port, 'GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
  const [refused] = parseResponses(text);
  expect(refused?.status).toBe(503);
  expect(refused?.headers['retry-after']).toBe('1');
  expect(refused?.headers.connection).toBe('close');
  expect(JSON.parse(refused?.body ?? '')).toMatchObject({
    error: { code: 'too_many_connections' },
  });
  const closed = once(held[0]!, 'close');
  held[0]!.destroy();
  await closed;
  // The server sees the close a moment after the client: retry until the slot is free.
  let status = 0;
  for (let i = 0; i < 50 && status !== 200; i++) {
    const [answer] = parseResponses(
      (await exchange(rig.gateway.port, 'GET /health HTTP/1.1\r\nHost: x\r\n\r\n')).text,
    );
    status = answer?.status ?? 0;
  }
  expect(status).toBe(200);
  held[1]!.destroy();
});

it('closes a connection past the cap that sends nothing', async () => {
  await using rig = await startRig({ config: { maxConnections: 1 } });
  const held = await open(rig.gateway.port);
  const idle = await open(rig.gateway.port);
  await once(idle, 'close');
  held.destroy();
});

it('closes an idle keep-alive connection after keepAliveTimeoutMs', async () => {
  await using rig = await startRig({ config: { keepAliveTimeoutMs: 100 } });
  const socket = await open(rig.gateway.port);
  socket.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
  let text = '';
  socket.setEncoding('latin1').on('data', (chunk: string) => (text += chunk));
  await once(socket, 'close');
  expect(parseResponses(text).map((r) => r.status)).toEqual([200]);
});

it('answers a request whose body never finishes with a 408 in JSON after requestTimeoutMs', async () => {
  await using rig = await startRig({ config: { requestTimeoutMs: 300, headersTimeoutMs: 300 } });
  const { text } = await exchange(
    rig.gateway.port,
    'POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"model"',
    { end: false },
  );
  const [response] = parseResponses(text);
  expect(response?.status).toBe(408);
  expect(isOpenAIError(response?.body ?? '')).toBe(true);
});
