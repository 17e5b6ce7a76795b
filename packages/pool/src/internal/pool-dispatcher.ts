import type { EventEmitter } from 'node:events';
import { type Agent, Dispatcher } from 'undici';
import type { OriginState } from './origin-state.ts';
import { PooledHandler } from './pooled-handler.ts';

/** Finds (or creates) the tracking state of a request's `origin` option. */
export type OriginLookup = (origin: string | URL | undefined) => OriginState;

const FORWARDED_EVENTS = ['connect', 'disconnect', 'connectionError', 'drain'] as const;

/**
 * The dispatcher of an HTTP pool: wraps every request's handler to time it and to
 * retry it after a stale keep-alive socket, then hands it to the origin's undici
 * `Pool`. A subclass rather than `agent.compose()`, whose `Proxy` sits on every
 * property read of every request; once the agent has created an origin's pool,
 * requests go to that pool directly, skipping the agent's checks and map lookup.
 */
export class PoolDispatcher extends Dispatcher {
  readonly #agent: Agent;
  readonly #lookUp: OriginLookup;
  readonly #retry: boolean;

  constructor(agent: Agent, lookUp: OriginLookup, retryStaleSockets: boolean) {
    super();
    this.#agent = agent;
    this.#lookUp = lookUp;
    this.#retry = retryStaleSockets;
    for (const event of FORWARDED_EVENTS) {
      (agent as EventEmitter).on(event, (...args: unknown[]) =>
        (this as EventEmitter).emit(event, ...args),
      );
    }
  }

  override dispatch(
    options: Dispatcher.DispatchOptions,
    handler: Dispatcher.DispatchHandler,
  ): boolean {
    const state = this.#lookUp(options.origin);
    const pooled = new PooledHandler(
      handler,
      state,
      options,
      this.#retry ? this.#agent : undefined,
    );
    const pool = state.pool;
    // The agent still serves an origin's first request, a per-request `allowH2`, and a pool
    // it closed after its last socket went away (it then creates a fresh one).
    if (
      pool !== undefined &&
      (options as { allowH2?: boolean }).allowH2 == null &&
      !pool.closed &&
      !pool.destroyed
    ) {
      return pool.dispatch(options, pooled);
    }
    return this.#agent.dispatch(options, pooled);
  }

  override close(): Promise<void>;
  override close(callback: () => void): void;
  override close(callback?: () => void): Promise<void> | void {
    return callback ? this.#agent.close(callback) : this.#agent.close();
  }

  override destroy(): Promise<void>;
  override destroy(error: Error | null): Promise<void>;
  override destroy(callback: () => void): void;
  override destroy(error: Error | null, callback: () => void): void;
  override destroy(
    error?: Error | null | (() => void),
    callback?: () => void,
  ): Promise<void> | void {
    if (typeof error === 'function') return this.#agent.destroy(error);
    if (callback) return this.#agent.destroy(error ?? null, callback);
    return this.#agent.destroy(error ?? null);
  }
}
