import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error.ts';

/** The 413 of a body over `limit` bytes. */
export function tooLarge(limit: number): HttpError {
  return new HttpError(
    413,
    `The request body is larger than the gateway's limit of ${limit} bytes.`,
    {
      code: 'request_too_large',
    },
  );
}

/** True when the request declares a body (`Content-Length`) longer than `limit` bytes. */
export function declaredTooLarge(req: IncomingMessage, limit: number): boolean {
  return Number(req.headers['content-length']) > limit;
}

/** Reads a request body of at most `limit` bytes; a larger one rejects with a 413 at once. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  if (declaredTooLarge(req, limit)) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        // Keep reading (and dropping) the rest, so the 413 reaches the client before the socket closes.
        req.resume();
        reject(tooLarge(limit));
      } else chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const onError = (): void => {
      cleanup();
      reject(
        new HttpError(400, 'The request body could not be read.', { code: 'body_read_failed' }),
      );
    };
    function cleanup(): void {
      req.off('data', onData).off('end', onEnd).off('error', onError).off('aborted', onError);
    }
    req.on('data', onData).on('end', onEnd).on('error', onError).on('aborted', onError);
  });
}

/** Parses a JSON body; malformed JSON is a 400. */
export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON.', { code: 'invalid_json' });
  }
}
