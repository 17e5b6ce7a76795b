import type { ServerResponse } from 'node:http';
import type { HttpError } from './http-error.ts';

/** Headers the gateway adds to answered calls. */
export interface CallMeta {
  /** `hit`, `miss` or `shared`. */
  readonly cache: string;
  /** Gateway time minus upstream time, in ms. */
  readonly overheadMs: number;
}

/** Sends a complete JSON answer. */
export function sendJson(res: ServerResponse, status: number, body: string, meta?: CallMeta): void {
  const headers: Record<string, string | number> = {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  };
  if (meta !== undefined) {
    headers['x-hotpath-cache'] = meta.cache;
    headers['x-hotpath-overhead-ms'] = meta.overheadMs.toFixed(3);
  }
  res.writeHead(status, headers).end(body);
}

/** Sends an OpenAI-shaped error, unless the answer already started or the client left. */
export function sendError(res: ServerResponse, error: HttpError, close = false): void {
  if (res.headersSent || res.destroyed) return;
  const body = JSON.stringify(error.body());
  const headers: Record<string, string | number> = {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  };
  if (error.retryAfter !== undefined) headers['retry-after'] = error.retryAfter;
  // The unread rest of an oversize body would otherwise be parsed as the next request.
  if (close) headers.connection = 'close';
  res.writeHead(error.status, headers).end(body);
}

/** Starts an SSE answer. */
export function startEventStream(res: ServerResponse, meta: CallMeta): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'x-hotpath-cache': meta.cache,
    'x-hotpath-overhead-ms': meta.overheadMs.toFixed(3),
  });
}

/** Resolves when `res` can take more data, or when the client leaves. */
export function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done).off('close', done);
      resolve();
    };
    res.on('drain', done).on('close', done);
  });
}
