import type { Socket } from 'node:net';
import type { Exchange } from './exchange.ts';

/** Resets the connection (TCP RST) once what was written so far has been handed to the kernel. */
export function resetConnection(x: Exchange, socket: Socket | null): void {
  x.finish(false);
  if (socket === null || socket.destroyed) return;
  const reset = (): void => {
    if (!socket.destroyed) socket.resetAndDestroy();
  };
  // An empty write calls back after everything queued before it was flushed.
  socket.write('', () => setImmediate(reset));
}

/**
 * Sends a complete non-streaming JSON body, applying the body faults: `reset` drops the
 * connection instead, `malformed` sends half the JSON (status 200, complete HTTP message),
 * `truncate` announces the full length but closes the connection halfway.
 */
export function deliverBody(x: Exchange, body: string): void {
  const fault = x.config?.fault;
  if (fault === 'reset') {
    x.countFault(fault);
    resetConnection(x, x.res.socket);
    return;
  }
  if (fault === 'malformed') {
    x.countFault(fault);
    x.sendJson(200, body.slice(0, body.length >> 1));
    return;
  }
  if (fault === 'truncate') {
    x.countFault(fault);
    truncateBody(x, body);
    return;
  }
  x.sendJson(200, body);
}

function truncateBody(x: Exchange, body: string): void {
  const headers = {
    ...x.headers('application/json'),
    'content-length': String(Buffer.byteLength(body)),
  };
  x.res.writeHead(200, headers);
  x.sim.stats.status(200);
  const socket = x.res.socket;
  x.finish(false);
  x.res.write(body.slice(0, body.length >> 1), () => socket?.destroy());
}
