import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Host } from '@hotpath/host';
import type { CallOptions, CompletionResult, StreamDelta } from '@hotpath/protocol';
import { UnknownModelError } from '../errors.ts';
import { type Call, credentials, publish } from './call.ts';
import { parseChatCall } from './chat-request.ts';
import { ChunkEncoder, completionJson } from './chat-response.ts';
import { embeddingsJson, parseEmbeddingsCall } from './embeddings.ts';
import { toHttpError } from './error-response.ts';
import { HttpError } from './http-error.ts';
import { type CallProbe, type Probes, UPSTREAM_MS } from './probe-plugin.ts';
import { parseJson, readBody } from './read-body.ts';
import { type CallMeta, drained, sendError, sendJson, startEventStream } from './respond.ts';
import type { Router } from './router.ts';

/** What the handler serves besides the model calls. */
export interface HandlerOptions {
  readonly host: Host;
  readonly router: Router;
  readonly probes: Probes;
  readonly bodyLimit: number;
  readonly metrics: (() => string) | undefined;
}

const ROUTES: ReadonlySet<string> = new Set([
  '/v1/chat/completions',
  '/v1/embeddings',
  '/v1/models',
  '/health',
  '/metrics',
]);

/** The gateway's HTTP request handler and its count of calls in flight. */
export class GatewayHandler {
  readonly #options: HandlerOptions;
  readonly #modelsBody: string;
  // A cache hit returns the very result object stored in L1, so its body is serialised once.
  readonly #bodies = new WeakMap<CompletionResult, string>();
  #active = 0;
  #closing = false;
  #idle: (() => void) | undefined;

  constructor(options: HandlerOptions) {
    this.#options = options;
    const data = options.router
      .models()
      .map(({ id, upstream }) => ({ id, object: 'model', created: 0, owned_by: upstream }));
    this.#modelsBody = JSON.stringify({ object: 'list', data });
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
    res.once('close', this.#finished);
    if (this.#closing) {
      res.shouldKeepAlive = false;
      sendError(
        res,
        new HttpError(503, 'The gateway is shutting down: retry on another instance.', {
          code: 'shutting_down',
        }),
      );
      return;
    }
    this.#route(req, res).catch((error: unknown) => this.#fail(req, res, error, []));
  };

  readonly #finished = (): void => {
    this.#active--;
    if (this.#active === 0 && this.#idle !== undefined) this.#idle();
  };

  async #route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const method = req.method;
    if (method === 'POST' && path === '/v1/chat/completions') return this.#chat(req, res);
    if (method === 'POST' && path === '/v1/embeddings') return this.#embeddings(req, res);
    if (method === 'GET' && path === '/v1/models') return sendJson(res, 200, this.#modelsBody);
    if (method === 'GET' && path === '/health') return sendJson(res, 200, '{"status":"ok"}');
    if (method === 'GET' && path === '/metrics' && this.#options.metrics !== undefined)
      return this.#metrics(res);
    const served = ROUTES.has(path) && (path !== '/metrics' || this.#options.metrics !== undefined);
    const status = served ? 405 : 404;
    throw new HttpError(status, `Invalid URL (${method} ${path})`, {
      code: status === 405 ? 'method_not_allowed' : 'not_found',
    });
  }

  #metrics(res: ServerResponse): void {
    const text = this.#options.metrics?.() ?? '';
    res
      .writeHead(200, {
        'content-type': 'text/plain; version=0.0.4; charset=utf-8',
        'content-length': Buffer.byteLength(text),
      })
      .end(text);
  }

  #begin(req: IncomingMessage, res: ServerResponse, started: number): Call {
    const controller = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) controller.abort(new Error('The client closed the connection.'));
    });
    const probe: CallProbe = { locals: undefined };
    this.#options.probes.set(controller.signal, probe);
    const { headers, secrets } = credentials(req);
    const options: CallOptions = { signal: controller.signal, headers };
    return { started, signal: controller.signal, probe, options, secrets };
  }

  #meta(call: Call, hostMs: number): CallMeta {
    const locals = call.probe.locals;
    const cache = typeof locals?.cache === 'string' ? locals.cache : 'miss';
    const measured = locals?.[UPSTREAM_MS];
    // A call that joined another's upstream call waited for that call: count the wait as upstream time.
    const upstreamMs = typeof measured === 'number' ? measured : cache === 'shared' ? hostMs : 0;
    return { cache, overheadMs: Math.max(0, performance.now() - call.started - upstreamMs) };
  }

  async #body(req: IncomingMessage): Promise<unknown> {
    return parseJson(await readBody(req, this.#options.bodyLimit));
  }

  #model(model: string): void {
    if (!this.#options.router.has(model)) throw new UnknownModelError(model);
  }

  async #chat(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const parsed = parseChatCall(await this.#body(req));
    this.#model(parsed.request.model);
    const call = this.#begin(req, res, started);
    try {
      if (parsed.stream)
        return await this.#stream(
          res,
          call,
          parsed.request,
          new ChunkEncoder(parsed.request.model, parsed.includeUsage),
        );
      const hostStart = performance.now();
      const result = await this.#options.host.complete(parsed.request, call.options);
      let body = this.#bodies.get(result);
      if (body === undefined) {
        body = completionJson(result);
        this.#bodies.set(result, body);
      }
      const meta = this.#meta(call, performance.now() - hostStart);
      sendJson(res, 200, body, meta);
      publish({
        path: '/v1/chat/completions',
        model: parsed.request.model,
        status: 200,
        stream: false,
        ...meta,
      });
    } catch (error) {
      this.#fail(req, res, error, call.secrets);
    }
  }

  async #stream(
    res: ServerResponse,
    call: Call,
    request: Parameters<Host['stream']>[0],
    encoder: ChunkEncoder,
  ): Promise<void> {
    const hostStart = performance.now();
    const iterator = this.#options.host.stream(request, call.options)[Symbol.asyncIterator]();
    let done = false;
    try {
      // Headers wait for the first delta, so a failure before it still gets its real status.
      const first = await iterator.next();
      const meta = this.#meta(call, performance.now() - hostStart);
      startEventStream(res, meta);
      publish({
        path: '/v1/chat/completions',
        model: request.model,
        status: 200,
        stream: true,
        ...meta,
      });
      done = first.done === true;
      if (!done) res.write(encoder.start() + encoder.encode(first.value as StreamDelta));
      while (!done) {
        const next = await iterator.next();
        done = next.done === true;
        if (done) break;
        const frame = encoder.encode(next.value);
        if (frame !== '' && !res.write(frame)) await drained(res);
        if (call.signal.aborted) break;
      }
      res.end(encoder.end());
    } catch (error) {
      if (!res.headersSent) throw error;
      if (!call.signal.aborted)
        res.end(`data: ${JSON.stringify(toHttpError(error, call.secrets).body())}\n\n`);
    } finally {
      // An unfinished stream (client gone, or failed) closes the upstream; its own error is moot now.
      if (!done) await iterator.return?.().catch(() => undefined);
    }
  }

  async #embeddings(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const parsed = parseEmbeddingsCall(await this.#body(req));
    this.#model(parsed.request.model);
    const call = this.#begin(req, res, started);
    try {
      const hostStart = performance.now();
      const result = await this.#options.host.embed(parsed.request, call.options);
      const meta = this.#meta(call, performance.now() - hostStart);
      sendJson(res, 200, embeddingsJson(result, parsed.base64), meta);
      publish({
        path: '/v1/embeddings',
        model: parsed.request.model,
        status: 200,
        stream: false,
        ...meta,
      });
    } catch (error) {
      this.#fail(req, res, error, call.secrets);
    }
  }

  #fail(
    req: IncomingMessage,
    res: ServerResponse,
    error: unknown,
    secrets: readonly string[],
  ): void {
    const http = toHttpError(error, secrets);
    const path = (req.url ?? '').split('?')[0] ?? '';
    publish({
      path,
      model: undefined,
      status: http.status,
      stream: false,
      cache: undefined,
      overheadMs: undefined,
    });
    // After a 413 the rest of the body is unread: close the connection instead of parsing it.
    sendError(res, http, http.status === 413 || !req.complete);
  }
}
