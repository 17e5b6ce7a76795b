import type { Pool } from 'undici';
import { TimingHistogram } from './timing.ts';

/** What the pool tracks for one origin. */
export interface OriginState {
  readonly origin: string;
  pool: Pool | undefined;
  readonly queueWait: TimingHistogram;
  readonly ttfb: TimingHistogram;
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
    queueWait: new TimingHistogram(),
    ttfb: new TimingHistogram(),
    staleRetries: 0,
  };
}
