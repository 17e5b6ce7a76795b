import type { Duplex } from 'node:stream';
import { HttpError } from './http-error.ts';
import { type LingerOptions, lingerThenClose } from './linger.ts';
import { rawErrorResponse } from './raw-response.ts';

/** What Node's HTTP parser (llhttp) and server raise, and the answer each one gets. */
function answerFor(code: string | undefined, reason: string): HttpError {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return new HttpError(431, 'The request headers are larger than the gateway accepts.', {
        code: 'request_header_fields_too_large',
      });
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return new HttpError(413, 'The chunk extensions of the request body are too large.', {
        code: 'request_too_large',
      });
    case 'HPE_INVALID_METHOD':
      return new HttpError(501, 'The request method is not one the gateway implements.', {
        code: 'method_not_implemented',
      });
    case 'ERR_HTTP_REQUEST_TIMEOUT':
    case 'HPE_HEADERS_TIMEOUT':
      return new HttpError(408, 'The request was not received in time.', {
        code: 'request_timeout',
      });
    default:
      return new HttpError(400, `The request is not valid HTTP/1.1 (${reason}).`, {
        code: 'malformed_request',
      });
  }
}

/**
 * A listener for requests Node hands over as a bare socket (`connect`): answers `status` in
 * OpenAI-shaped JSON and closes the connection.
 */
export function rawRefusal(
  status: number,
  code: string,
  message: string,
  linger: LingerOptions,
): (req: unknown, socket: Duplex) => void {
  return (_, socket) => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    socket.write(rawErrorResponse(new HttpError(status, message, { code })));
    lingerThenClose(socket, linger);
  };
}

/** The part of a `ServerResponse` the listener looks at. */
interface AttachedResponse {
  readonly headersSent: boolean;
  readonly writableFinished: boolean;
  once(event: 'finish', listener: () => void): unknown;
}

/** The `ServerResponse` Node has attached to a socket, if any (set while a request is answered). */
function attachedResponse(socket: Duplex): AttachedResponse | undefined {
  return (socket as { _httpMessage?: AttachedResponse | null })._httpMessage ?? undefined;
}

/**
 * The server's `clientError` listener: Node's parser refused a request (bad chunk size,
 * conflicting or negative Content-Length, oversized or malformed headers, unknown method, bad
 * request line) or the request timed out. Instead of Node's empty 400/431, the client gets an
 * OpenAI-shaped JSON error with the right status, written on the raw socket, then a lingering
 * close so it can read it. A pipelined request's error waits for the answer before it; nothing
 * is written when the socket is gone or an answer is being written that cannot be finished.
 */
export function clientErrorListener(linger: LingerOptions): (error: Error, socket: Duplex) => void {
  return (error, socket) => {
    const code = (error as { code?: string }).code;
    const answer = (): void => {
      // Closing already: the answer before this one ended the connection, and a lingering
      // close is reading what is left. Destroying it now would reset the client.
      if (socket.writableEnded) return;
      if (!socket.writable) {
        socket.destroy();
        return;
      }
      const reason = (error as { reason?: string }).reason ?? code ?? 'parse error';
      socket.write(rawErrorResponse(answerFor(code, reason)));
      lingerThenClose(socket, linger);
    };
    const pending = attachedResponse(socket);
    // Already answered and closing (a lingering close reads on): the parser's next complaint
    // about the bytes it drops changes nothing.
    if (socket.writableEnded) return;
    if (code === 'ECONNRESET') socket.destroy();
    else if (pending?.headersSent !== true) answer();
    // An answer under way to an earlier request on this connection: the error follows it.
    else if (pending.writableFinished) answer();
    else pending.once('finish', answer);
  };
}
