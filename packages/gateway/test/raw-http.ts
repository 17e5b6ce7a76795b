import { connect } from 'node:net';

/** What came back on a raw connection: the bytes until the server closed, or the error that ended it. */
export interface RawExchange {
  readonly text: string;
  /** The socket error that ended the exchange (`ECONNRESET` …), if one did. */
  readonly error: string | undefined;
}

/**
 * Sends `bytes` on a fresh TCP connection, half-closes it when `end`, and collects everything the
 * server sends until it closes the connection (or `timeoutMs` pass: then the text so far).
 */
export function exchange(
  port: number,
  bytes: string | Buffer,
  options: { end?: boolean; timeoutMs?: number } = {},
): Promise<RawExchange> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let error: string | undefined;
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(bytes);
      if (options.end !== false) socket.end();
    });
    const timer = setTimeout(() => socket.destroy(), options.timeoutMs ?? 5_000);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (e: NodeJS.ErrnoException) => {
      error = e.code ?? e.message;
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text: Buffer.concat(chunks).toString('latin1'), error });
    });
  });
}

/** One HTTP/1.1 response parsed from raw text. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Splits raw response text into responses (by `Content-Length`; chunked bodies are kept raw). */
export function parseResponses(text: string): RawResponse[] {
  return splitResponses(text).responses;
}

/**
 * The responses in raw text, and what is left that does not parse as one (`''` when all does).
 * `head`: the first answers a HEAD request, so it has headers only.
 */
export function splitResponses(
  text: string,
  head = false,
): { responses: RawResponse[]; rest: string } {
  const out: RawResponse[] = [];
  let rest = text;
  while (rest.startsWith('HTTP/1.1 ')) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) break;
    const [statusLine = '', ...lines] = rest.slice(0, end).split('\r\n');
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
    }
    const status = Number(statusLine.split(' ')[1]);
    // An interim answer (`100 Continue`) has no body.
    const bodiless = status < 200 || (head && out.every((r) => r.status < 200));
    const length = bodiless ? 0 : Number(headers['content-length'] ?? rest.length - end - 4);
    out.push({ status, headers, body: rest.slice(end + 4, end + 4 + length) });
    rest = rest.slice(end + 4 + length);
  }
  return { responses: out, rest };
}

/** True for an OpenAI-shaped error body: `{ error: { message, type, param, code } }`. */
export function isOpenAIError(body: string): boolean {
  try {
    const error = (JSON.parse(body) as { error?: Record<string, unknown> }).error;
    return (
      typeof error?.message === 'string' &&
      typeof error.type === 'string' &&
      (error.param === null || typeof error.param === 'string') &&
      (error.code === null || typeof error.code === 'string')
    );
  } catch {
    return false;
  }
}
