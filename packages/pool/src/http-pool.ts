import { describeValue } from '@hotpath/protocol';
import { Agent, type Dispatcher, Pool, type request as undiciRequest } from 'undici';
import { PoolArgumentError, PoolClosedError } from './errors.ts';
import { HTTP_POOL_OPTIONS } from './internal/option-keys.ts';
import { createOriginState, type OriginState, originKey } from './internal/origin-state.ts';
import { PoolDispatcher } from './internal/pool-dispatcher.ts';
import type { TimingSummary } from './internal/timing.ts';
import { trackedClientFactory } from './internal/tracked-client.ts';
import { checkKeys, optionalDurations, optionalInteger } from './internal/validate.ts';

/** Options for {@link createHttpPool}. Durations are in milliseconds. */
export interface HttpPoolOptions {
  /** Sockets per origin. @default 50 */
  connections?: number;
  /** Requests in flight per socket (HTTP/1.1 pipelining). @default 1 */
  pipelining?: number;
  /** How long an idle socket stays open, in ms, unless the server says less (undici `keepAliveTimeout`). @default 10000 */
  keepAliveTimeoutMs?: number;
  /** Cap on a server's `keep-alive: timeout=` hint. @default 600000 */
  keepAliveMaxTimeoutMs?: number;
  /**
   * Time to wait for response headers, in ms (undici `headersTimeout`). Reasoning models can think for minutes
   * before the first byte, past undici's 300 s default. @default 900000
   */
  headersTimeoutMs?: number;
  /** Longest silence between two body chunks, in ms (undici `bodyTimeout`). @default 300000 */
  bodyTimeoutMs?: number;
  /** Time to establish a connection (TCP + TLS), in ms (undici `connectTimeout`). @default 10000 */
  connectTimeoutMs?: number;
  /** Negotiate HTTP/2 through ALPN when an `https:` origin offers it. @default true */
  allowH2?: boolean;
  /**
   * Retry once a request (POST included) whose reused keep-alive socket the
   * server had closed: the socket answered earlier requests, it failed with
   * ECONNRESET, EPIPE, ECONNABORTED or an undici socket error ("other side
   * closed"), and not one byte of this request's response had arrived. A fresh
   * socket that fails, or one that delivered any byte, is never retried: the
   * server may have acted on the request. Only requests with a replayable body
   * (none, a string or bytes) are retried; a stream or async iterable body has
   * been consumed and fails as it is.
   * @default true
   */
  retryStaleSockets?: boolean;
}

/** Live figures for one origin. */
export interface OriginStats {
  readonly origin: string;
  /** Open sockets. */
  readonly connected: number;
  /** Open sockets without a request. */
  readonly free: number;
  /** Requests waiting for a socket. */
  readonly pending: number;
  /** Requests queued on sockets. */
  readonly queued: number;
  /** Requests in progress. */
  readonly running: number;
  /** Time from `dispatch` to the request being written to a socket. */
  readonly queueWaitMs: TimingSummary;
  /** Time from the request being written to the response headers. */
  readonly ttfbMs: TimingSummary;
  /** Requests retried after meeting a stale keep-alive socket. */
  readonly staleRetries: number;
}

/** Request options of {@link HttpPool.request}: undici's, without `dispatcher`. */
export type HttpPoolRequestOptions = Omit<
  NonNullable<Parameters<typeof undiciRequest>[1]>,
  'dispatcher'
>;

/** Keep-alive connection pools per origin behind one undici dispatcher. */
export interface HttpPool extends AsyncDisposable {
  /** The dispatcher, for `undici.request`, `fetch(url, { dispatcher })` or an SDK that accepts one. */
  readonly dispatcher: Dispatcher;
  /** `undici.request` through this pool. */
  request(
    url: string | URL,
    options?: HttpPoolRequestOptions,
  ): Promise<Dispatcher.ResponseData<unknown>>;
  /** Figures per origin the pool has connected to. */
  stats(): OriginStats[];
  /** Stops accepting requests and waits for those in flight to finish. */
  close(): Promise<void>;
  /** Aborts every request in flight and closes every socket. */
  destroy(error?: Error): Promise<void>;
}

const DEFAULTS = {
  connections: 50,
  pipelining: 1,
  keepAliveTimeoutMs: 10_000,
  keepAliveMaxTimeoutMs: 600_000,
  headersTimeoutMs: 900_000,
  bodyTimeoutMs: 300_000,
  connectTimeoutMs: 10_000,
  allowH2: true,
  retryStaleSockets: true,
} satisfies Required<HttpPoolOptions>;

// A string the WHATWG parser would return unchanged: lower-case http(s) origin, then only path
// and query characters that need no percent-encoding (`'` does in a query), no fragment, no
// backslash, no dot segment.
const PLAIN_URL =
  /^(https?:\/\/(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?)((?:\/[\w\-.~!$&'()*+,;=:@%]*)*(?:\?[\w\-.~!$&()*+,;=:@%/?]+)?)$/;
// `.`, `..` and their percent-encoded forms (`%2e`), which the parser resolves.
const DOT_SEGMENT = /\/(?:\.|%2e){1,2}(?:[/?]|$)/i;

/**
 * Splits a URL into origin and path exactly as `undici.request` (the WHATWG URL parser) would:
 * plain strings by hand (measurably faster per call), anything else through `URL`, which drops
 * the fragment, resolves dot segments and percent-encodes. Throws `PoolArgumentError` for
 * anything that is not an http(s) URL.
 */
function splitUrl(url: string | URL): { origin: string; path: string } {
  if (typeof url === 'string') {
    const plain = PLAIN_URL.exec(url);
    if (plain !== null && !DOT_SEGMENT.test(plain[2]!)) {
      const path = plain[2]!;
      return { origin: plain[1]!, path: path === '' || path[0] === '?' ? `/${path}` : path };
    }
  }
  const parsed = parseUrl(url);
  return { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
}

function parseUrl(url: string | URL): URL {
  const parsed = url instanceof URL ? url : URL.parse(String(url));
  if (parsed === null || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new PoolArgumentError(
      `\`url\` must be an http: or https: URL, got ${describeValue(url)}`,
    );
  }
  return parsed;
}

function validate(options: HttpPoolOptions): void {
  checkKeys('options', options, HTTP_POOL_OPTIONS);
  optionalInteger('options.connections', options.connections, 1);
  optionalInteger('options.pipelining', options.pipelining, 1);
  optionalDurations(options, [
    'keepAliveTimeoutMs',
    'keepAliveMaxTimeoutMs',
    'headersTimeoutMs',
    'bodyTimeoutMs',
    'connectTimeoutMs',
  ]);
}

class PooledAgent implements HttpPool {
  readonly dispatcher: Dispatcher;
  readonly #agent: Agent;
  readonly #origins = new Map<string, OriginState>();
  readonly #byRawOrigin = new Map<string, OriginState>();
  #lastOrigin: string | URL | undefined;
  #lastState: OriginState | undefined;
  #lastUrl: string | undefined;
  #lastSplit: { origin: string; path: string } = { origin: '', path: '/' };
  #closed = false;
  #closing: Promise<void> | undefined;
  #destroying: Promise<void> | undefined;

  constructor(options: HttpPoolOptions) {
    const settings = { ...DEFAULTS, ...options };
    this.#agent = new Agent({
      connections: settings.connections,
      pipelining: settings.pipelining,
      keepAliveTimeout: settings.keepAliveTimeoutMs,
      keepAliveMaxTimeout: settings.keepAliveMaxTimeoutMs,
      headersTimeout: settings.headersTimeoutMs,
      bodyTimeout: settings.bodyTimeoutMs,
      connectTimeout: settings.connectTimeoutMs,
      allowH2: settings.allowH2,
      factory: (origin, poolOptions) => {
        // Clients that remember their socket, so a stale keep-alive socket can be told apart.
        const pool = new Pool(origin, {
          ...(poolOptions as Pool.Options),
          factory: trackedClientFactory,
        });
        // Only the pool the agent uses by default may take requests directly (see PoolDispatcher).
        if ((poolOptions as Pool.Options).allowH2 === settings.allowH2) {
          this.#state(originKey(origin)).pool = pool;
        }
        return pool;
      },
    });
    this.dispatcher = new PoolDispatcher(
      this.#agent,
      (origin) => this.#stateFor(origin),
      settings.retryStaleSockets,
    );
  }

  request(
    url: string | URL,
    options?: HttpPoolRequestOptions,
  ): Promise<Dispatcher.ResponseData<unknown>> {
    if (this.#closed) return Promise.reject(new PoolClosedError());
    // Dispatching directly skips undici.request's URL parsing, which is measurable per call.
    let split: { origin: string; path: string };
    try {
      split = this.#split(url);
    } catch (error) {
      return Promise.reject(error);
    }
    const { origin, path } = split;
    return this.dispatcher.request({ ...options, origin, path, method: options?.method ?? 'GET' });
  }

  stats(): OriginStats[] {
    return [...this.#origins.values()].map((state) => {
      const {
        connected = 0,
        free = 0,
        pending = 0,
        queued = 0,
        running = 0,
      } = state.pool?.stats ?? {};
      return {
        origin: state.origin,
        connected,
        free,
        pending,
        queued,
        running,
        queueWaitMs: state.queueWait.summary(),
        ttfbMs: state.ttfb.summary(),
        staleRetries: state.staleRetries,
      };
    });
  }

  close(): Promise<void> {
    this.#closed = true;
    // undici rejects a second close(); a pool's close is idempotent, and after destroy() it is done.
    this.#closing ??= this.#destroying ?? this.#agent.close().then(settled);
    return this.#closing;
  }

  destroy(error?: Error): Promise<void> {
    this.#closed = true;
    this.#destroying ??= this.#agent.destroy(error ?? new PoolClosedError()).then(settled);
    return this.#destroying;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /** Splits a URL, reusing the last split when the same URL comes again (strings compare by value). */
  #split(url: string | URL): { origin: string; path: string } {
    if (typeof url !== 'string') return splitUrl(url);
    if (url !== this.#lastUrl) {
      this.#lastSplit = splitUrl(url);
      this.#lastUrl = url;
    }
    return this.#lastSplit;
  }

  /** Looks an origin up by the exact string callers pass, parsing a URL only on first sight. */
  #stateFor(origin: string | URL | undefined): OriginState {
    // Most pools talk to one origin: an identity check skips hashing the key on every request.
    if (origin === this.#lastOrigin && this.#lastState !== undefined) return this.#lastState;
    const state = this.#lookUp(origin);
    this.#lastOrigin = origin;
    this.#lastState = state;
    return state;
  }

  #lookUp(origin: string | URL | undefined): OriginState {
    const raw = typeof origin === 'string' ? origin : (origin?.origin ?? '');
    let state = this.#byRawOrigin.get(raw);
    if (state === undefined) {
      state = this.#state(originKey(origin));
      this.#byRawOrigin.set(raw, state);
    }
    return state;
  }

  #state(origin: string): OriginState {
    let state = this.#origins.get(origin);
    if (state === undefined) {
      state = createOriginState(origin);
      this.#origins.set(origin, state);
    }
    return state;
  }
}

/** undici's close and destroy resolve with `null`; the pool's resolve with `undefined`. */
function settled(): void {}

/**
 * Creates keep-alive connection pools per origin, tuned for LLM traffic: long
 * header and body timeouts for slow generations, HTTP/2 where offered, a safe
 * retry of requests that meet a stale keep-alive socket, and live statistics.
 *
 * @example
 * ```ts
 * await using pool = createHttpPool({ connections: 32 });
 * const { statusCode, body } = await pool.request('https://api.openai.com/v1/models', {
 *   headers: { authorization: `Bearer ${key}` },
 * });
 * ```
 */
export function createHttpPool(options: HttpPoolOptions = {}): HttpPool {
  if (typeof options !== 'object' || options === null) {
    throw new PoolArgumentError(`\`options\` must be an object, got ${describeValue(options)}`);
  }
  validate(options);
  return new PooledAgent(options);
}
