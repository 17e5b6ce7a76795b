import { once } from 'node:events';

/** Resolves when `signal` aborts; without a signal it never resolves (the command serves until the process ends). */
export async function untilAborted(signal: AbortSignal | undefined): Promise<void> {
  if (signal === undefined) return new Promise<void>(() => {});
  if (!signal.aborted) await once(signal, 'abort');
}
