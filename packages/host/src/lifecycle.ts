import type { Teardown } from './registry.ts';

/**
 * Runs `work` and rejects with `timeoutError()` if it has not settled after
 * `ms`. The abandoned work is still observed, so its late rejection is never
 * reported as unhandled.
 */
export function withTimeout<T>(
  work: () => T | Promise<T>,
  ms: number,
  timeoutError: () => Error,
): Promise<T> {
  const running = Promise.resolve().then(work);
  if (!Number.isFinite(ms)) return running;
  running.catch(() => {});
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError()), ms);
  });
  return Promise.race([running, timeout]).finally(() => clearTimeout(timer));
}

/** A teardown that failed, and whose. */
export interface TeardownFailure {
  readonly plugin: string;
  readonly error: unknown;
}

/**
 * Runs teardowns last-in first-out, each bounded by `timeoutMs`, and removes
 * them from `teardowns`. Every teardown runs even when an earlier one fails.
 */
export async function runTeardowns(
  teardowns: Teardown[],
  timeoutMs: number,
  only?: string,
): Promise<TeardownFailure[]> {
  const failures: TeardownFailure[] = [];
  for (let i = teardowns.length - 1; i >= 0; i--) {
    const teardown = teardowns[i]!;
    if (only !== undefined && teardown.plugin !== only) continue;
    teardowns.splice(i, 1);
    try {
      await withTimeout(
        teardown.run,
        timeoutMs,
        () => new Error(`teardown of "${teardown.plugin}" did not finish within ${timeoutMs} ms`),
      );
    } catch (error) {
      failures.push({ plugin: teardown.plugin, error });
    }
  }
  return failures;
}
