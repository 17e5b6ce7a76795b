import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/** How long, and how much, a closing connection keeps reading what the client still sends. */
export interface LingerOptions {
  /** Longest time to keep reading after the answer, in ms. */
  readonly lingerMs: number;
  /** Most bytes read and dropped after the answer. */
  readonly lingerBytes: number;
}

/**
 * Closes a connection the way nginx's lingering close does: half-close it (FIN after the
 * answer), then keep reading and dropping what the client still sends, until it closes its
 * side, `lingerMs` pass or `lingerBytes` arrive; then destroy it. Closing at once with unread
 * bytes in the kernel's buffer makes the kernel send a reset, and a client still uploading a
 * large body then loses the answer (EPIPE, ECONNRESET) and retries the upload. The end of the
 * request (`body`, whose bytes count too) is no reason to close: a client may still be sending
 * (a pipelined request, or bytes past a wrong length); it closes its side once it has read the
 * answer and seen the FIN.
 */
export function lingerThenClose(
  socket: Duplex,
  options: LingerOptions,
  body?: IncomingMessage,
): void {
  if (socket.destroyed) return;
  let bytes = 0;
  const close = (): void => {
    clearTimeout(timer);
    socket.off('data', onData).off('end', close);
    body?.off('data', onData);
    socket.destroy();
  };
  const onData = (chunk: Buffer): void => {
    bytes += chunk.length;
    if (bytes > options.lingerBytes) close();
  };
  const timer = setTimeout(close, options.lingerMs).unref();
  socket
    .on('data', onData)
    .once('end', close)
    .once('close', () => clearTimeout(timer));
  // While Node's parser reads the socket, the bytes arrive as the request's body.
  body?.on('data', onData);
  socket.end();
  socket.resume();
}

/**
 * Arranges a lingering close for a response that closes its connection while the request body
 * is not read to its end (a 413): Node destroys such a connection once the response is written,
 * through `socket.destroySoon()`, which is replaced for this one socket. The unread body is
 * dropped as it arrives.
 */
export function lingerAfterResponse(
  req: IncomingMessage,
  res: ServerResponse,
  options: LingerOptions,
): void {
  const socket = res.socket;
  if (socket === null || socket.destroyed) return;
  socket.destroySoon = () => lingerThenClose(socket, options, req);
  req.resume();
}
