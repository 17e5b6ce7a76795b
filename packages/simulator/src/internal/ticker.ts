import { MAX_TIMER_MS } from '@hotpath/protocol';

/** A scheduled callback; `cancel()` makes it a no-op. */
export interface TickHandle {
  cancel(): void;
}

interface Entry extends TickHandle {
  readonly at: number;
  readonly seq: number;
  readonly fn: () => void;
  cancelled: boolean;
}

/** Timers fire up to a millisecond early or late: whatever is due this close to now runs now. */
export const TOLERANCE_MS = 0.5;

function before(a: Entry, b: Entry): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

/**
 * One timer for every paced stream of a simulator: callbacks sit in a binary min-heap by
 * due time and a single `setTimeout` is armed for the earliest one. Thousands of concurrent
 * streams at 50 tokens/s cost one timer wake-up per millisecond at most, not one per token.
 */
export class Ticker {
  readonly #heap: Entry[] = [];
  #timer: NodeJS.Timeout | undefined;
  #timerAt = Infinity;
  #seq = 0;

  /** Runs `fn` once `performance.now()` reaches `at`. */
  schedule(at: number, fn: () => void): TickHandle {
    const entry: Entry = {
      at,
      seq: this.#seq++,
      fn,
      cancelled: false,
      cancel() {
        this.cancelled = true;
      },
    };
    this.#push(entry);
    if (at < this.#timerAt) this.#arm(at);
    return entry;
  }

  /** Cancels every pending callback and the timer. */
  clear(): void {
    for (const entry of this.#heap) entry.cancelled = true;
    this.#heap.length = 0;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerAt = Infinity;
  }

  #arm(at: number): void {
    clearTimeout(this.#timer);
    this.#timerAt = at;
    // A longer delay fires after 1 ms (Node caps timers at 2^31 − 1 ms): a far-off entry (a
    // pace of 1e-9 tokens/s) would wake this every millisecond. #fire re-arms for what is left.
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, at - performance.now()));
    this.#timer = setTimeout(() => this.#fire(), delay);
    this.#timer.unref();
  }

  #fire(): void {
    this.#timer = undefined;
    this.#timerAt = Infinity;
    const now = performance.now() + TOLERANCE_MS;
    // Entries scheduled by the callbacks below wait for the next wake-up, so a callback that
    // reschedules itself for "now" cannot spin this loop.
    const limit = this.#seq;
    while (this.#heap.length > 0 && this.#heap[0]!.at <= now && this.#heap[0]!.seq < limit) {
      const entry = this.#pop();
      if (!entry.cancelled) entry.fn();
    }
    const next = this.#heap[0];
    if (next !== undefined) this.#arm(next.at);
  }

  #push(entry: Entry): void {
    const heap = this.#heap;
    let i = heap.push(entry) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(entry, heap[parent]!)) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = entry;
  }

  #pop(): Entry {
    const heap = this.#heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) this.#siftDown(last);
    return top;
  }

  #siftDown(entry: Entry): void {
    const heap = this.#heap;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= heap.length) break;
      if (child + 1 < heap.length && before(heap[child + 1]!, heap[child]!)) child++;
      if (!before(heap[child]!, entry)) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = entry;
  }
}
