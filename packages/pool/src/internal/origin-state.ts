import type { RecordableHistogram } from 'node:perf_hooks';
import type { Pool } from 'undici';
import { createTimingHistogram } from './timing.ts';

/** What the pool tracks for one origin. */
export interface OriginState {
  readonly origin: string;
  pool: Pool | undefined;
  readonly queueWait: RecordableHistogram;
  readonly ttfb: RecordableHistogram;
  staleRetries: number;
}

/** Normalises an undici `origin` option (string or URL) to its `scheme://host:port` key. */
export function originKey(origin: string | URL | undefined): string {
  if (origin === undefined) return '';
  return typeof origin === 'string' ? new URL(origin).origin : origin.origin;
}

/** Creates empty tracking state for an origin. */
export function createOriginState(origin: string): OriginState {
  return {
    origin,
    pool: undefined,
    queueWait: createTimingHistogram(),
    ttfb: createTimingHistogram(),
    staleRetries: 0,
  };
}
