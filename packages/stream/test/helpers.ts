import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const encoder = new TextEncoder();

/** An async iterable over the given byte pieces. */
export async function* bytes(...pieces: (string | Uint8Array)[]): AsyncGenerator<Uint8Array> {
  for (const piece of pieces) yield typeof piece === 'string' ? encoder.encode(piece) : piece;
}

/** The text as bytes, cut at the given byte offsets. */
export function cutAt(text: string, offsets: readonly number[]): Uint8Array[] {
  const all = encoder.encode(text);
  const pieces: Uint8Array[] = [];
  let from = 0;
  for (const offset of [...offsets, all.length]) {
    pieces.push(all.subarray(from, offset));
    from = offset;
  }
  return pieces;
}

/** The text cut into pieces of `size` bytes. */
export function every(text: string, size: number): Uint8Array[] {
  const all = encoder.encode(text);
  const pieces: Uint8Array[] = [];
  for (let at = 0; at < all.length; at += size) pieces.push(all.subarray(at, at + size));
  return pieces;
}

/** Collects an async iterable into an array. */
export async function toArray<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** Awaits the iterable and returns what it threw. */
export async function failure(iterable: AsyncIterable<unknown>): Promise<unknown> {
  try {
    for await (const _ of iterable);
  } catch (error) {
    return error;
  }
  throw new Error('expected the stream to fail');
}

/** One OpenAI `chat.completion.chunk` SSE event. */
export function openAIEvent(choice: object | null, extra: object = {}): string {
  const chunk = {
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'gpt-4o-mini',
    choices: choice === null ? [] : [{ index: 0, logprobs: null, finish_reason: null, ...choice }],
    ...extra,
  };
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

/** An Anthropic SSE event. */
export function anthropicEvent(type: string, body: object): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...body })}\n\n`;
}

/** A started node:http server on a free loopback port. */
export async function serve(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const server = createServer(handler);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
