import { checkKnownKeys, type KnownKeys, knownKeys } from '@hotpath/protocol';
import type { BudgetOptions } from '../budget.ts';
import type { DecodeOptions } from '../delta-stream.ts';
import { StreamArgumentError } from '../errors.ts';
import type { FanOutOptions } from '../fan-out.ts';
import type { ParseOptions } from '../parse-sse.ts';
import type { RechunkOptions } from '../rechunk.ts';
import type { ReplayOptions } from '../record.ts';
import type { TimeoutOptions } from '../timeouts.ts';

/** The keys of {@link TimeoutOptions}. */
export const TIMEOUT_OPTIONS: KnownKeys = knownKeys<TimeoutOptions>({
  firstChunkMs: true,
  idleMs: true,
  totalMs: true,
});

/** The keys of {@link BudgetOptions}. */
export const BUDGET_OPTIONS: KnownKeys = knownKeys<BudgetOptions>({
  maxOutputTokens: true,
  count: true,
  inputTokens: true,
});

/** The keys of {@link RechunkOptions}. */
export const RECHUNK_OPTIONS: KnownKeys = knownKeys<RechunkOptions>({
  minChars: true,
  maxDelayMs: true,
});

/** The keys of {@link FanOutOptions}. */
export const FAN_OUT_OPTIONS: KnownKeys = knownKeys<FanOutOptions>({
  bufferSize: true,
  policy: true,
  replay: true,
});

/** The keys of {@link ReplayOptions}. */
export const REPLAY_OPTIONS: KnownKeys = knownKeys<ReplayOptions>({ speed: true, signal: true });

/** The keys of {@link ParseOptions}. */
export const PARSE_OPTIONS: KnownKeys = knownKeys<ParseOptions>({
  signal: true,
  upstream: true,
  maxEventSize: true,
});

/** The keys of {@link DecodeOptions}. */
export const DECODE_OPTIONS: KnownKeys = knownKeys<DecodeOptions>({
  signal: true,
  upstream: true,
  maxEventSize: true,
  startedAt: true,
});

/**
 * Rejects an options object with a key `known` does not list, naming the new spelling of an old
 * one (`idle` → `idleMs`); `fn` names the function in the message. Runs once per stream, never
 * per chunk.
 */
export function checkKeys(fn: string, options: unknown, known: KnownKeys): void {
  if (typeof options !== 'object' || options === null) return;
  checkKnownKeys(options, known, 'options', (m) => new StreamArgumentError(`${fn}: ${m}`));
}
