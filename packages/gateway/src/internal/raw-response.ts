import { STATUS_CODES } from 'node:http';
import type { HttpError } from './http-error.ts';

/**
 * A complete HTTP/1.1 response for `error`, as bytes to write on a raw socket (where Node has no
 * `ServerResponse`: its parser refused the request, or the connection is over the cap). It
 * closes the connection: after a parse error the rest of the stream cannot be trusted.
 */
export function rawErrorResponse(error: HttpError): string {
  const body = error.json();
  const retry = error.retryAfter === undefined ? '' : `Retry-After: ${error.retryAfter}\r\n`;
  return (
    `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status] ?? 'Error'}\r\n` +
    'Content-Type: application/json\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    retry +
    'Connection: close\r\n\r\n' +
    body
  );
}
