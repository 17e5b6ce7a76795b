/** An AbortSignal whose `addEventListener`/`removeEventListener` calls are counted. */
export interface CountedSignal {
  readonly controller: AbortController;
  readonly signal: AbortSignal;
  /** Listeners added and removed so far (any event type). */
  counts(): { readonly added: number; readonly removed: number };
}

/**
 * A fresh AbortController whose signal counts the listeners added to and removed from it, for
 * tests that a long-lived signal is left with no listener behind after many calls.
 */
export function countedSignal(): CountedSignal {
  const controller = new AbortController();
  const { signal } = controller;
  let added = 0;
  let removed = 0;
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  signal.addEventListener = (...args: Parameters<typeof add>) => {
    added++;
    add(...args);
  };
  signal.removeEventListener = (...args: Parameters<typeof remove>) => {
    removed++;
    remove(...args);
  };
  return { controller, signal, counts: () => ({ added, removed }) };
}

/**
 * Collects the process's unhandled rejections between `start()` and `stop()` (call them from
 * `beforeEach`/`afterEach`); `seen()` lists those collected since the last `start()`.
 */
export function unhandledRejections(): { start(): void; stop(): void; seen(): unknown[] } {
  const collected: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    collected.push(reason);
  };
  return {
    start() {
      collected.length = 0;
      process.on('unhandledRejection', onUnhandled);
    },
    stop() {
      process.off('unhandledRejection', onUnhandled);
    },
    seen: () => [...collected],
  };
}
