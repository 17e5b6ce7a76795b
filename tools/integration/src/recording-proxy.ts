import { once } from 'node:events';
import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as it reached the upstream: what the provider really sent over HTTP. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  /** The JSON body, parsed (`undefined` when the body was empty or not JSON). */
  readonly body: unknown;
}

/** An HTTP proxy on a free loopback port that records every request it forwards. */
export interface RecordingProxy extends AsyncDisposable {
  /** Base URL without a trailing slash. */
  readonly url: string;
  /** Requests forwarded so far, in arrival order. */
  readonly requests: readonly RecordedRequest[];
  close(): Promise<void>;
}

function parse(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function forward(target: URL, agent: Agent, requests: RecordedRequest[]) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw = await readBody(req);
    requests.push({ method: req.method ?? 'GET', path: req.url ?? '/', body: parse(raw) });
    const upstream = httpRequest(
      new URL(req.url ?? '/', target),
      { method: req.method, headers: { ...req.headers, host: target.host }, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    // The client going away ends the upstream request too, as a direct connection would.
    res.on('close', () => upstream.destroy());
    upstream.on('error', () => res.destroy());
    upstream.end(raw);
  };
}

/**
 * Starts a proxy in front of `target` (for example the simulator's URL), so tests can assert
 * what the upstream received: the bodies after every middleware and the provider's encoding.
 * Streams are piped through as they arrive.
 */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const requests: RecordedRequest[] = [];
  const agent = new Agent({ keepAlive: true });
  const server = createServer((req, res) => {
    forward(new URL(target), agent, requests)(req, res).catch(() => res.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
      agent.destroy();
    });
    return closing;
  };
  return { url: `http://127.0.0.1:${port}`, requests, close, [Symbol.asyncDispose]: close };
}
