import { FAULT_MODES, type FaultMode } from '../options.ts';
import { ROUTE_NAMES, type RouteName, type SimulatorStats } from '../stats.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Counters = Omit<Mutable<SimulatorStats>, 'routes' | 'statuses' | 'faults'> & {
  routes: Record<RouteName, number>;
  statuses: Record<string, number>;
  faults: Record<FaultMode, number>;
};

interface Waiter {
  readonly predicate: (stats: SimulatorStats) => boolean;
  readonly resolve: (stats: SimulatorStats) => void;
  readonly reject: () => void;
}

function zero(active: { activeConnections: number; activeStreams: number }): Counters {
  return {
    requests: 0,
    routes: Object.fromEntries(ROUTE_NAMES.map((name) => [name, 0])) as Record<RouteName, number>,
    statuses: {},
    tokensSent: 0,
    streamsStarted: 0,
    streamsCompleted: 0,
    streamsAborted: 0,
    requestsAborted: 0,
    faults: Object.fromEntries(FAULT_MODES.map((mode) => [mode, 0])) as Record<FaultMode, number>,
    rateLimited: 0,
    activeConnections: active.activeConnections,
    activeStreams: active.activeStreams,
  };
}

/** The simulator's counters, plus the waiters of `waitFor` re-checked whenever a counter moves. */
export class StatsRecorder {
  /** Mutated in place by the request handlers; read through {@link snapshot}. */
  counters: Counters = zero({ activeConnections: 0, activeStreams: 0 });
  readonly #waiters = new Set<Waiter>();

  /** A deep copy of the counters. */
  snapshot(): SimulatorStats {
    const c = this.counters;
    return { ...c, routes: { ...c.routes }, statuses: { ...c.statuses }, faults: { ...c.faults } };
  }

  /** Zeroes every counter except the live gauges (connections and streams). */
  reset(): void {
    this.counters = zero(this.counters);
    this.changed();
  }

  /** Counts one response status. */
  status(code: number): void {
    const key = String(code);
    this.counters.statuses[key] = (this.counters.statuses[key] ?? 0) + 1;
  }

  /** Call after mutating counters: settles every waiter whose predicate now holds. */
  changed(): void {
    if (this.#waiters.size === 0) return;
    const stats = this.snapshot();
    for (const waiter of this.#waiters) {
      if (!waiter.predicate(stats)) continue;
      this.#waiters.delete(waiter);
      waiter.resolve(stats);
    }
  }

  /** Registers a waiter; returns a function that removes it. */
  wait(
    predicate: (stats: SimulatorStats) => boolean,
    resolve: (stats: SimulatorStats) => void,
    reject: () => void,
  ): () => void {
    const waiter = { predicate, resolve, reject };
    this.#waiters.add(waiter);
    return () => this.#waiters.delete(waiter);
  }

  /** Rejects every pending waiter (the simulator is closing). */
  closeWaiters(): void {
    for (const waiter of this.#waiters) waiter.reject();
    this.#waiters.clear();
  }
}
