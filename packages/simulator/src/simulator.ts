import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SimulatorArgumentError, SimulatorClosedError, SimulatorListenError } from './errors.ts';
import type { SimContext } from './internal/context.ts';
import { createPrng, hash32 } from './internal/prng.ts';
import { RateLimiter } from './internal/rate-limiter.ts';
import { RequestLog } from './internal/request-log.ts';
import { handleRequest } from './internal/router.ts';
import { StatsRecorder } from './internal/stats-recorder.ts';
import { Ticker } from './internal/ticker.ts';
import { resolveOptions, type SimulatorOptions } from './options.ts';
import type { RecordedRequest } from './recorded-request.ts';
import type { SimulatorStats } from './stats.ts';

/** Options of {@link Simulator.waitFor}. */
export interface WaitForOptions {
  /** Stops waiting (rejecting with the signal's reason). */
  readonly signal?: AbortSignal;
}

/** A running simulator, returned by {@link startSimulator}. */
export interface Simulator extends AsyncDisposable {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`; append `/v1/chat/completions` etc. */
  readonly url: string;
  /** The port it listens on (the real one when `port: 0` was asked for). */
  readonly port: number;
  /** A snapshot of the counters. */
  stats(): SimulatorStats;
  /** Zeroes the counters (the live `activeConnections` and `activeStreams` gauges keep their values). */
  resetStats(): void;
  /**
   * The requests received, oldest first: the most recent `recordRequests` (default 100) of them,
   * with method, path, headers (credentials redacted) and parsed JSON body, so a test can assert
   * what the upstream saw. Each read returns a new frozen array.
   *
   * @example
   * ```ts
   * const [call] = sim.requests;
   * console.log(call?.path, (call?.body as { model: string }).model);
   * ```
   */
  readonly requests: readonly RecordedRequest[];
  /** Requests received but no longer in {@link Simulator.requests} (past `recordRequests`) since start or `clearRequests()`. */
  readonly requestsDropped: number;
  /** Empties {@link Simulator.requests} and zeroes {@link Simulator.requestsDropped}. */
  clearRequests(): void;
  /**
   * Resolves with the counters as soon as `predicate` holds for them (checked now and after every
   * change), so tests can wait for the simulator to notice an abort without sleeping. Rejects with
   * the predicate's error if it throws, the signal's reason on abort, or `SimulatorClosedError` if
   * the simulator closes first.
   */
  waitFor(
    predicate: (stats: SimulatorStats) => boolean,
    options?: WaitForOptions,
  ): Promise<SimulatorStats>;
  /** Stops listening, ends every open stream and connection, and resolves once the server is closed. Idempotent. */
  close(): Promise<void>;
}

/** Ids unique per simulator: a random stem (so two simulators differ) and a counter. */
function idGenerator(): (prefix: string) => string {
  const stem = randomBytes(9).toString('base64url');
  let counter = 0;
  return (prefix) => `${prefix}${stem}${(counter++).toString(36).padStart(6, '0')}`;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void =>
      reject(new SimulatorListenError(`${host}:${port}`, { cause: error }));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function trackConnections(server: Server, sim: SimContext): void {
  server.on('connection', (socket) => {
    sim.stats.counters.activeConnections++;
    socket.once('close', () => {
      sim.stats.counters.activeConnections--;
      sim.stats.changed();
    });
  });
}

function waitFor(
  sim: SimContext,
  predicate: (stats: SimulatorStats) => boolean,
  options: WaitForOptions = {},
): Promise<SimulatorStats> {
  if (typeof predicate !== 'function')
    throw new SimulatorArgumentError('waitFor(predicate): predicate must be a function');
  const now = sim.stats.snapshot();
  try {
    if (predicate(now)) return Promise.resolve(now);
  } catch (error) {
    return Promise.reject(error);
  }
  if (sim.closing) return Promise.reject(new SimulatorClosedError());
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      remove();
      reject(signal!.reason);
    };
    const remove = sim.stats.wait(
      predicate,
      (stats) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(stats);
      },
      (error) => {
        signal?.removeEventListener('abort', onAbort);
        reject(error ?? new SimulatorClosedError());
      },
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

async function closeServer(server: Server, sim: SimContext): Promise<void> {
  sim.closing = true;
  sim.ticker.clear();
  const closed = once(server, 'close');
  server.close();
  server.closeAllConnections();
  await closed;
  sim.stats.changed();
  sim.stats.closeWaiters();
}

/**
 * Starts an OpenAI-, Anthropic- and Ollama-compatible upstream on `host:port`.
 *
 * @example
 * ```ts
 * const sim = await startSimulator({ ttftMs: 50, tokensPerSecond: 100 }); // sim.close() when done
 * const res = await fetch(`${sim.url}/v1/chat/completions`, {
 *   method: 'POST',
 *   headers: { 'content-type': 'application/json' },
 *   body: JSON.stringify({ model: 'sim-small', messages: [{ role: 'user', content: 'hi' }], stream: true }),
 * });
 * ```
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const resolved = resolveOptions(options);
  const sim: SimContext = {
    options: resolved,
    stats: new StatsRecorder(),
    ticker: new Ticker(),
    faultPrng: createPrng(hash32('faults', resolved.seed)),
    nextId: idGenerator(),
    limiter: new RateLimiter(resolved.rateLimit),
    requests: new RequestLog(resolved.recordRequests),
    closing: false,
  };
  const server = createServer({ keepAliveTimeout: 5_000 }, (req, res) =>
    handleRequest(sim, req, res),
  );
  trackConnections(server, sim);
  await listen(server, resolved.port, resolved.host);
  const { port } = server.address() as AddressInfo;
  const host = resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host;
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closed ??= closeServer(server, sim);
    return closed;
  };
  return {
    url: `http://${host}:${port}`,
    port,
    stats: () => sim.stats.snapshot(),
    resetStats: () => sim.stats.reset(),
    get requests() {
      return sim.requests.list();
    },
    get requestsDropped() {
      return sim.requests.dropped;
    },
    clearRequests: () => sim.requests.clear(),
    waitFor: (predicate, waitOptions) => waitFor(sim, predicate, waitOptions),
    close,
    [Symbol.asyncDispose]: close,
  };
}
