import type { BootReport } from '@hotpath/host';
import type { CacheSavings } from '@hotpath/plugin-cache';
import type { DemoPrice } from './hotpath-mode.ts';
import type { FileRun, ModeName, ModeRun } from './mode-run.ts';

/** The figures of one mode, as the table and the JSON output show them. */
export interface ModeFigures {
  /** Files answered, and files that failed. */
  readonly succeeded: number;
  readonly failed: number;
  /** Time until the first answer was there, in ms since the mode started (NaN when none was). */
  readonly firstResponseMs: number;
  /** Median and 95th percentile of the per-file latency, in ms. */
  readonly p50Ms: number;
  readonly p95Ms: number;
  /** Wall time of the whole analysis, in ms. */
  readonly totalMs: number;
  readonly upstreamRequests: number;
  /** Share of files answered by the cache (`hit` or `shared`), 0–1. */
  readonly hitRate: number;
  /** Tokens the upstream processed for this mode (cache hits cost none). */
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** What those tokens cost at the demo's price, in USD. */
  readonly costUsd: number;
  readonly heapUsed: number;
  readonly rss: number;
}

/** What starting cost: the host's `BootReport` (each plugin's setup), and each side's warm-up call. */
export interface StartupFigures {
  readonly bootMs: number;
  /** The host's warm-up call right after boot (one-time costs of the first call), in ms. */
  readonly warmupMs: number;
  /** The plain client's warm-up call before the sequential run, in ms. */
  readonly sequentialWarmupMs: number;
  readonly plugins: readonly { readonly name: string; readonly setupMs: number }[];
}

/** Quantile `q` (0–1) of `values`, by linear interpolation; 0 for an empty list. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.min(low + 1, sorted.length - 1);
  return (sorted[low] ?? 0) + ((sorted[high] ?? 0) - (sorted[low] ?? 0)) * (at - low);
}

/** USD cost of the tokens at `price`. */
export function costOf(price: DemoPrice, inputTokens: number, outputTokens: number): number {
  return (inputTokens * price.inputPerMillion + outputTokens * price.outputPerMillion) / 1e6;
}

function upstreamTokens(files: readonly FileRun[], key: 'inputTokens' | 'outputTokens'): number {
  // A cache answer carries the original call's usage, but the upstream was not asked again.
  const asked = files.filter((file) => file.cache !== 'hit' && file.cache !== 'shared');
  return asked.reduce((sum, file) => sum + file[key], 0);
}

/** The figures of one mode's run. */
export function modeFigures(run: ModeRun, price: DemoPrice): ModeFigures {
  const answered = run.files.filter((file) => file.error === undefined);
  const latencies = answered.map((file) => file.endMs - file.startMs);
  const cached = run.files.filter((file) => file.cache === 'hit' || file.cache === 'shared');
  const inputTokens = upstreamTokens(answered, 'inputTokens');
  const outputTokens = upstreamTokens(answered, 'outputTokens');
  return {
    succeeded: answered.length,
    failed: run.files.length - answered.length,
    firstResponseMs: answered.length === 0 ? Number.NaN : Math.min(...answered.map((f) => f.endMs)),
    p50Ms: quantile(latencies, 0.5),
    p95Ms: quantile(latencies, 0.95),
    totalMs: run.totalMs,
    upstreamRequests: run.upstreamRequests,
    hitRate: run.files.length === 0 ? 0 : cached.length / run.files.length,
    inputTokens,
    outputTokens,
    costUsd: costOf(price, inputTokens, outputTokens),
    heapUsed: run.memory.heapUsed,
    rss: run.memory.rss,
  };
}

/** Every mode's figures. */
export function allFigures(
  runs: Readonly<Record<ModeName, ModeRun>>,
  price: DemoPrice,
): Record<ModeName, ModeFigures> {
  return {
    sequential: modeFigures(runs.sequential, price),
    cold: modeFigures(runs.cold, price),
    warm: modeFigures(runs.warm, price),
  };
}

/** The start-up figures: the boot report and both warm-up calls. */
export function startupFigures(
  boot: BootReport,
  warmupMs: number,
  sequentialWarmupMs: number,
): StartupFigures {
  return {
    bootMs: boot.totalMs,
    warmupMs,
    sequentialWarmupMs,
    plugins: boot.plugins.map((plugin) => ({ name: plugin.name, setupMs: plugin.setupMs })),
  };
}

/** What the cache saved between two savings reports (`after` minus `before`). */
export function savedBetween(before: CacheSavings, after: CacheSavings): CacheSavings {
  return {
    hits: after.hits - before.hits,
    inputTokens: after.inputTokens - before.inputTokens,
    outputTokens: after.outputTokens - before.outputTokens,
    timeMs: after.timeMs - before.timeMs,
    cost: after.cost - before.cost,
  };
}
