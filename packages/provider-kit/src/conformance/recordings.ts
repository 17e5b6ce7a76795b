import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/** One HTTP response as it crossed the wire: status, headers and the body's bytes. */
export interface RecordedResponse {
  readonly status: number;
  readonly headers: { readonly [name: string]: string };
  readonly body: string;
}

/** One upstream answer recorded twice: once streamed, once not. */
export interface RecordedAnswer {
  /** The recording's name; requests select it by sending it as the `model`. */
  readonly name: string;
  /** The streamed answer (`text/event-stream` or NDJSON). */
  readonly streaming: RecordedResponse;
  /** The same answer, asked for without streaming (`application/json`). */
  readonly complete: RecordedResponse;
}

/**
 * Parses a raw HTTP response capture: a status line (`HTTP/1.1 200 OK`), header lines, a blank
 * line, then the body exactly as it was sent. Lines may end in LF or CRLF.
 *
 * @param capture - the capture's text
 */
export function parseCapture(capture: string): RecordedResponse {
  const split = /\r?\n\r?\n/.exec(capture);
  if (split === null) throw new Error('a capture needs a blank line between headers and body');
  const [statusLine = '', ...lines] = capture.slice(0, split.index).split(/\r?\n/);
  const status = Number(/^HTTP\/\d(?:\.\d)? (\d{3})/.exec(statusLine)?.[1]);
  if (!Number.isInteger(status)) throw new Error(`not an HTTP status line: ${statusLine}`);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status, headers, body: capture.slice(split.index + split[0].length) };
}

/**
 * Reads every recording in `dir`: each pair `<name>.stream.http` and `<name>.complete.http`
 * (raw response captures, see {@link parseCapture}) is one {@link RecordedAnswer}.
 *
 * @param dir - a folder of captures
 */
export function loadRecordings(dir: string): RecordedAnswer[] {
  const read = (file: string): RecordedResponse =>
    parseCapture(readFileSync(join(dir, file), 'utf8'));
  return readdirSync(dir)
    .filter((file) => file.endsWith('.stream.http'))
    .sort()
    .map((file) => {
      const name = file.slice(0, -'.stream.http'.length);
      return { name, streaming: read(file), complete: read(`${name}.complete.http`) };
    });
}

/** A running replay server: see {@link serveRecordings}. */
export interface RecordingServer extends AsyncDisposable {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly url: string;
  /** Requests answered so far, streamed and not. */
  readonly served: { streaming: number; complete: number };
  close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<{ model?: unknown; stream?: unknown }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as { model?: unknown };
}

/** Writes a body in pieces of 1 to 97 bytes, so decoders see events split anywhere. */
async function writePieces(res: ServerResponse, body: Buffer): Promise<void> {
  for (let at = 0, step = 1; at < body.length; at += step, step = (step * 7 + 3) % 97 || 1) {
    if (!res.write(body.subarray(at, at + step))) await once(res, 'drain');
  }
  res.end();
}

function answer(recordings: readonly RecordedAnswer[], served: RecordingServer['served']) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readJson(req);
    const recording = recordings.find((r) => r.name === body.model);
    if (recording === undefined) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `no recording named ${String(body.model)}` } }));
      return;
    }
    const streaming = body.stream === true;
    const { status, headers, body: text } = streaming ? recording.streaming : recording.complete;
    served[streaming ? 'streaming' : 'complete']++;
    const { 'content-length': _, 'transfer-encoding': __, ...rest } = headers;
    res.writeHead(status, rest);
    await writePieces(res, Buffer.from(text, 'utf8'));
  };
}

/**
 * Serves recorded answers over real HTTP on a free loopback port: a POST whose JSON body names
 * a recording as its `model` gets the streamed capture when the body says `"stream": true`, the
 * non-streaming one otherwise, byte for byte, with the captured status and headers. Bodies are
 * written in small uneven pieces. Any path is accepted, so a provider under test can keep its
 * own `/v1/chat/completions`, `/v1/messages` or `/api/chat`.
 *
 * @param recordings - the answers to serve
 * @example
 * ```ts
 * const server = await serveRecordings(loadRecordings('test/recordings')); // server.close() when done
 * const provider = createOpenAIProvider({ baseURL: `${server.url}/v1`, apiKey: 'sk-test' });
 * ```
 */
export async function serveRecordings(
  recordings: readonly RecordedAnswer[],
): Promise<RecordingServer> {
  const served = { streaming: 0, complete: 0 };
  const handle = answer(recordings, served);
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => res.destroy(error as Error));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  let closed: Promise<unknown> | undefined;
  const close = async (): Promise<void> => {
    if (closed === undefined) {
      closed = once(server, 'close');
      server.close();
      server.closeAllConnections();
    }
    await closed;
  };
  return { url: `http://127.0.0.1:${port}`, served, close, [Symbol.asyncDispose]: close };
}
