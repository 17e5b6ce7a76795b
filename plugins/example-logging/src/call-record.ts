import type { Usage } from '@hotpath/protocol';

/** One log line: what a call asked for, how long it took and what it cost. */
export interface CallRecord {
  readonly call: 'complete' | 'stream';
  /** The requested model. */
  readonly model: string;
  readonly outcome: 'ok' | 'error';
  /** Whole call through the host, in milliseconds (streams: until the last delta). */
  readonly durationMs: number;
  /** Time spent below every other plugin, in the provider; absent when no upstream call was made. */
  readonly upstreamMs?: number;
  /** Token usage, when the provider reported it. */
  readonly usage?: Usage;
  /** The cache status a caching plugin left in `ctx.locals.cache` (`hit`, `miss` …), if any. */
  readonly cache?: string;
  /** The error's `code` (or class name) when the call failed. */
  readonly error?: string;
  /** Your `fields` option, for example a service name. */
  readonly fields?: { readonly [key: string]: string };
}

/** Where records go. Must not throw; a throwing sink is reported, never breaks a call. */
export type LogSink = (record: CallRecord) => void;

/** The default sink: one JSON line per call on standard error. */
export const jsonLineSink: LogSink = (record) => {
  process.stderr.write(`${JSON.stringify(record)}\n`);
};

/** The error's stable `code` when it has one, else its class name. */
export function errorName(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { code, name } = error as { code?: unknown; name?: unknown };
    if (typeof code === 'string') return code;
    if (typeof name === 'string') return name;
  }
  return String(error);
}
