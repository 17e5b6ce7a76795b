import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const encoder = new TextEncoder();

/** An async iterable over the given byte pieces, like a response body arriving in chunks. */
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

/**
 * The text as a body cut at the given byte offsets, which may come in any order, repeat, or lie
 * past the end (as a property test generates them).
 */
export function bodyCutAt(text: string, offsets: readonly number[]): AsyncGenerator<Uint8Array> {
  return bytes(
    ...cutAt(
      text,
      [...new Set(offsets)].sort((a, b) => a - b),
    ),
  );
}

/** The text cut into strings at the given positions (taken modulo its length + 1), in order. */
export function fragments(text: string, cuts: readonly number[]): string[] {
  const at = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  return [0, ...at].map((from, i) => text.slice(from, at[i] ?? text.length));
}

/** The text cut into pieces of `size` bytes (UTF-8 characters split anywhere). */
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

/** Reads the iterable to its end and returns what it threw; fails when it did not throw. */
export async function failure(iterable: AsyncIterable<unknown>): Promise<unknown> {
  try {
    for await (const _ of iterable);
  } catch (error) {
    return error;
  }
  throw new Error('expected the stream to fail');
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
