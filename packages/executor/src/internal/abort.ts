import { MAX_TIMER_MS } from '@hotpath/protocol';

/**
 * Waits for `promise`, or rejects with `signal.reason` as soon as `signal` aborts.
 * The abort listener is removed once either happens, so a long-lived signal shared by
 * many calls never accumulates listeners. `promise` is always observed.
 */
export function raceSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) {
    promise.catch(noop);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

// setTimeout fires after 1 ms for anything longer (TimeoutOverflowWarning), which turns a long
// wait into a busy loop; callers re-check their condition after waking, so waking early is safe.

/**
 * Resolves after `ms` milliseconds (at most about 24.8 days, the longest timer Node keeps), or
 * rejects with `signal.reason` when it aborts first.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.min(ms, MAX_TIMER_MS),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Forwards an abort from `parent` to `child`. Returns the function that removes the
 * forwarding listener; call it in `finally`.
 */
export function forwardAbort(parent: AbortSignal | undefined, child: AbortController): () => void {
  if (parent === undefined) return noop;
  if (parent.aborted) {
    child.abort(parent.reason);
    return noop;
  }
  const onAbort = (): void => child.abort(parent.reason);
  parent.addEventListener('abort', onAbort, { once: true });
  return () => parent.removeEventListener('abort', onAbort);
}

/** Does nothing; used to observe promises whose outcome no longer matters. */
export function noop(): void {}
