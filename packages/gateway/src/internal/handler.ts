import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Host } from '@hotpath/host';
import {
  ChatChunkEncoder,
  chatCompletionJson,
  embeddingsJson,
  parseChatRequest,
  parseEmbeddingsRequest,
} from '@hotpath/plugin-openai/server';
import type { CallLocals, CompletionRequest, CompletionResult } from '@hotpath/protocol';
import { type Call, ConnectionCredentials, secretsOf } from './call.ts';
import type { ConnectionCap } from './connection-cap.ts';
import { decodeBody } from './content-encoding.ts';
import { toHttpError } from './error-response.ts';
import { HttpError } from './http-error.ts';
import { type LingerOptions, lingerAfterResponse } from './linger.ts';
import type {} from './locals.ts';
import { MODEL_PATH_PREFIX, modelListBody, modelObjects, sendModel } from './models-route.ts';
import { declaredTooLarge, parseJson, readBody, tooLarge } from './read-body.ts';
import {
  type CallMeta,
  drained,
  type PreparedBody,
  prepared,
  respond,
  respondError,
  sendError,
  sendJson,
} from './respond.ts';
import type { RouteTable } from './route-table.ts';

/** What the handler serves besides the model calls. */
export interface HandlerOptions {
  readonly host: Host;
  /** The router plugin's route table: the served models. */
  readonly routes: RouteTable;
  readonly bodyLimit: number;
  readonly metrics: (() => string) | undefined;
  /** The connection accounting of the server. */
  readonly connections: ConnectionCap;
  /** How a connection closed with its request unread keeps reading first. */
  readonly linger: LingerOptions;
  /** The upstreams' own API keys: removed, with the client's key, from every relayed message. */
  readonly upstreamKeys: readonly string[];
}

type Route = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;
type Answered = { path: string; model: string; stream: boolean };

/**
 * Where a response keeps the abort controller of its model call, for the response's one `close`
 * listener: a property read, where a `WeakMap` measured slower per call than a second listener.
 */
const CALL: unique symbol = Symbol('hotpath.gateway.call');
type CallResponse = ServerResponse & { [CALL]?: AbortController };

const overCap = (): HttpError =>
  new HttpError(503, 'The gateway has too many open connections: retry shortly.', {
    code: 'too_many_connections',
    retryAfter: 1,
  });

const browserRefused = (): HttpError =>
  new HttpError(
    403,
    'Requests from web pages (with an Origin header) are refused: the gateway grants no CORS, so a page on another site cannot use its upstream keys. Call it from a server.',
    { param: 'origin', code: 'origin_not_allowed' },
  );

/** The gateway's HTTP request handler and its count of calls in flight. */
export class GatewayHandler {
  readonly #options: HandlerOptions;
  /** The one HTTP route table: path, then method. It answers requests, 404s and 405s. */
  readonly #table: ReadonlyMap<string, ReadonlyMap<string, Route>>;
  // A cache hit returns the very result object stored in L1, so its body is serialised once (its
  // id and created time are those of the stored answer, as a cached OpenAI answer replays them).
  readonly #bodies = new WeakMap<CompletionResult, PreparedBody>();
  readonly #credentials = new ConnectionCredentials();
  #active = 0;
  #closing = false;
  #idle: (() => void) | undefined;

  constructor(options: HandlerOptions) {
    this.#options = options;
    this.#table = routeTable(this, options);
    const handler = this;
    this.#finished = function (this: ServerResponse): void {
      handler.#closed(this);
    };
  }

  /** Requests being answered. */
  get active(): number {
    return this.#active;
  }

  /** Refuses new calls from now on; resolves once every call in flight has finished. */
  drain(): Promise<void> {
    this.#closing = true;
    if (this.#active === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.#idle = resolve;
    });
  }

  /** The `node:http` request listener. */
  readonly listener = (req: IncomingMessage, res: ServerResponse): void => {
    this.#active++;
    // 'close' is emitted once: `on` spares the wrapper `once` allocates per request.
    res.on('close', this.#finished);
    if (this.#closing || this.#options.connections.isOver(req.socket)) {
      res.shouldKeepAlive = false;
      const error = this.#closing
        ? new HttpError(503, 'The gateway is shutting down: retry on another instance.', {
            code: 'shutting_down',
          })
        : overCap();
      this.#close(req, res, error);
      return;
    }
    // HTTP/1.1 requires a Host header (RFC 9112 §3.2); Node's own check answers without a body.
    if (req.headers.host === undefined && req.httpVersion === '1.1') {
      this.#close(
        req,
        res,
        new HttpError(400, 'The request has no Host header.', { code: 'missing_host' }),
      );
      return;
    }
    // Browsers send Origin with every cross-site request, and a "simple" one (a text/plain POST)
    // arrives without a preflight: a page on any site could spend the upstreams' keys. The
    // gateway grants no CORS, so nothing a browser may read is lost by refusing them all.
    if (req.headers.origin !== undefined) {
      this.#close(req, res, browserRefused());
      return;
    }
    try {
      this.#route(req, res)?.catch((error: unknown) => this.#fail(req, res, error, undefined));
    } catch (error) {
      this.#fail(req, res, error, undefined);
    }
  };

  /**
   * The server's `checkContinue` listener (`Expect: 100-continue`): a body declared larger than
   * the limit is refused with a 413 before the client sends it; any other request is told to
   * go on and handled as usual.
   */
  readonly checkContinue = (req: IncomingMessage, res: ServerResponse): void => {
    if (!declaredTooLarge(req, this.#options.bodyLimit)) {
      res.writeContinue();
      this.listener(req, res);
      return;
    }
    this.#active++;
    res.on('close', this.#finished);
    this.#close(req, res, tooLarge(this.#options.bodyLimit));
  };

  /** The server's `checkExpectation` listener: an `Expect` other than `100-continue` gets a 417. */
  readonly checkExpectation = (req: IncomingMessage, res: ServerResponse): void => {
    this.#active++;
    res.on('close', this.#finished);
    const error = new HttpError(417, `The expectation "${req.headers.expect}" cannot be met.`, {
      param: 'expect',
      code: 'expectation_failed',
    });
    this.#close(req, res, error);
  };

  /**
   * The one 'close' listener of every response (one listener: Node then calls it directly,
   * without copying a listener array per emit): aborts the model call of a response closed
   * before its answer was finished (the client left), then counts the request as done.
   */
  readonly #finished: (this: ServerResponse) => void;

  #closed(res: ServerResponse): void {
    const controller = (res as CallResponse)[CALL];
    if (controller !== undefined && !res.writableFinished)
      controller.abort(new Error('The client closed the connection.'));
    this.#active--;
    if (this.#active === 0 && this.#idle !== undefined) this.#idle();
  }

  /** Runs the request's route (no async function: a model call's own promise is the only one). */
  #route(req: IncomingMessage, res: ServerResponse): Promise<void> | void {
    const path = pathOf(req);
    const methods =
      this.#table.get(path) ??
      (path.startsWith(MODEL_PATH_PREFIX) ? this.#table.get(MODEL_PATH_PREFIX) : undefined);
    const method = req.method ?? '';
    const route = methods?.get(method);
    if (route !== undefined) return route(req, res);
    if (methods === undefined)
      throw new HttpError(404, `Invalid URL (${method} ${path})`, { code: 'not_found' });
    const allow = [...methods.keys()].join(', ');
    // OPTIONS names the methods and grants no CORS: a browser page elsewhere stays out.
    if (method === 'OPTIONS') return void res.writeHead(204, { allow }).end();
    throw new HttpError(405, `Invalid URL (${method} ${path})`, {
      code: 'method_not_allowed',
      allow,
    });
  }

  /** Starts a call for a routed model: its abort signal, credentials and typed locals. */
  #begin(req: IncomingMessage, res: ServerResponse, started: number, model: string): Call {
    // The one unknown-model check (404); the router takes the route it found from the locals.
    const locals: CallLocals = { gatewayRoute: this.#options.routes.steps(model) };
    const controller = new AbortController();
    (res as CallResponse)[CALL] = controller;
    const options = { signal: controller.signal, headers: this.#credentials.of(req), locals };
    return { started, signal: controller.signal, locals, options };
  }

  #meta(call: Call, hostMs: number): CallMeta {
    const { cache = 'miss', gatewayUpstreamMs } = call.locals;
    // A call that joined another's upstream call waited for that call: count the wait as upstream time.
    const upstreamMs = gatewayUpstreamMs ?? (cache === 'shared' ? hostMs : 0);
    return { cache, overheadMs: Math.max(0, performance.now() - call.started - upstreamMs) };
  }

  /** `POST /v1/chat/completions`. */
  async chat(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const parsed = parseChatRequest(parseJson(await this.#body(req)));
    const { request } = parsed;
    const call = this.#begin(req, res, started, request.model);
    const answered = { path: '/v1/chat/completions', model: request.model, stream: parsed.stream };
    try {
      if (parsed.stream) {
        const encoder = new ChatChunkEncoder(request.model, parsed.includeUsage);
        return await this.#stream(res, call, request, encoder, answered);
      }
      const hostStart = performance.now();
      const result = await this.#options.host.complete(request, call.options);
      let body = this.#bodies.get(result);
      if (body === undefined) {
        body = prepared(chatCompletionJson(result));
        this.#bodies.set(result, body);
      }
      respond(res, answered, this.#meta(call, performance.now() - hostStart), body);
    } catch (error) {
      this.#fail(req, res, error, call.options.headers);
    }
  }

  async #stream(
    res: ServerResponse,
    call: Call,
    request: CompletionRequest,
    encoder: ChatChunkEncoder,
    answered: Answered,
  ): Promise<void> {
    const hostStart = performance.now();
    const iterator = this.#options.host.stream(request, call.options)[Symbol.asyncIterator]();
    let done = false;
    try {
      // Headers wait for the first delta, so a failure before it still gets its real status.
      const first = await iterator.next();
      respond(res, answered, this.#meta(call, performance.now() - hostStart));
      done = first.done === true;
      if (!first.done) res.write(encoder.start() + encoder.encode(first.value));
      while (!done) {
        const next = await iterator.next();
        done = next.done === true;
        if (next.done) break;
        const frame = encoder.encode(next.value);
        if (frame !== '' && !res.write(frame)) await drained(res);
        if (call.signal.aborted) break;
      }
      res.end(encoder.end());
    } catch (error) {
      if (!res.headersSent) throw error;
      // Failed after it started: a last frame with the mapped error (the upstream's own message,
      // redacted), then a clean end of the response.
      if (!call.signal.aborted) res.end(toHttpError(error, this.#secrets(call)).event());
    } finally {
      // An unfinished stream (client gone, or failed) closes the upstream; its own error is moot now.
      if (!done) await iterator.return?.().catch(() => undefined);
    }
  }

  /** `POST /v1/embeddings`. */
  async embeddings(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const parsed = parseEmbeddingsRequest(parseJson(await this.#body(req)));
    const { request } = parsed;
    const call = this.#begin(req, res, started, request.model);
    try {
      const hostStart = performance.now();
      const result = await this.#options.host.embed(request, call.options);
      const meta = this.#meta(call, performance.now() - hostStart);
      const answered = { path: '/v1/embeddings', model: request.model, stream: false };
      respond(res, answered, meta, prepared(embeddingsJson(result, parsed.base64)));
    } catch (error) {
      this.#fail(req, res, error, call.options.headers);
    }
  }

  /** The request's body, its Content-Encoding undone, each size held to the body limit. */
  #body(req: IncomingMessage): Promise<Buffer> {
    const limit = this.#options.bodyLimit;
    const body = readBody(req, limit);
    // Not an async function: a plain body (the usual case) costs no extra turn of the queue.
    if (req.headers['content-encoding'] === undefined) return body;
    return body.then((raw) => decodeBody(req, raw, limit));
  }

  /** What a relayed message must not contain: the client's key and the upstreams' keys. */
  #secrets(call: Pick<Call, 'options'> | undefined): readonly string[] {
    const upstream = this.#options.upstreamKeys;
    const client = secretsOf(call?.options.headers);
    return client.length === 0 ? upstream : [...client, ...upstream];
  }

  /** Answers `error` and closes the connection, reading the rest of the request first. */
  #close(req: IncomingMessage, res: ServerResponse, error: HttpError): void {
    if (!req.complete) lingerAfterResponse(req, res, this.#options.linger);
    sendError(res, error, true);
  }

  #fail(
    req: IncomingMessage,
    res: ServerResponse,
    error: unknown,
    credentials: Call['options']['headers'],
  ): void {
    const http = toHttpError(error, this.#secrets({ options: { headers: credentials } }));
    const path = (req.url ?? '').split('?')[0] ?? '';
    // A request whose body was not read to its end (a 413): answer, then close the connection
    // once the rest has been read, instead of parsing it as the next request.
    const close = http.status === 413 || !req.complete;
    if (close && !req.complete) lingerAfterResponse(req, res, this.#options.linger);
    respondError(res, path, http, close);
  }
}

function routeTable(
  handler: GatewayHandler,
  options: HandlerOptions,
): ReadonlyMap<string, ReadonlyMap<string, Route>> {
  const models = modelObjects(options.routes);
  const modelsBody = modelListBody(models);
  const table = new Map<string, ReadonlyMap<string, Route>>([
    ['/v1/chat/completions', new Map([['POST', (req, res) => handler.chat(req, res)]])],
    ['/v1/embeddings', new Map([['POST', (req, res) => handler.embeddings(req, res)]])],
    ['/v1/models', getRoute((_, res) => sendJson(res, 200, modelsBody))],
    [MODEL_PATH_PREFIX, getRoute((req, res) => sendModel(res, pathOf(req), models))],
    ['/health', getRoute((_, res) => sendJson(res, 200, '{"status":"ok"}'))],
  ]);
  const metrics = options.metrics;
  if (metrics !== undefined)
    table.set(
      '/metrics',
      getRoute((_, res) => sendMetrics(res, metrics())),
    );
  return table;
}

/** A GET route, which answers HEAD too (RFC 9110 §9.3.2: Node sends a HEAD answer's headers only). */
function getRoute(route: Route): ReadonlyMap<string, Route> {
  return new Map([
    ['GET', route],
    ['HEAD', route],
  ]);
}

function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

function sendMetrics(res: ServerResponse, text: string): void {
  res
    .writeHead(200, {
      'content-type': 'text/plain; version=0.0.4; charset=utf-8',
      'content-length': Buffer.byteLength(text),
    })
    .end(text);
}
