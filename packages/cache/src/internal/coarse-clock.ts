/**
 * `Date.now()` read at most once per millisecond: the value is kept until an unref'd
 * 1 ms timer drops it (the technique lru-cache uses for `ttlResolution`). A hit then
 * costs a field read instead of a clock call; TTLs resolve to about a millisecond.
 */
export class CoarseClock {
  #now = 0;
  #timer: NodeJS.Timeout | undefined = undefined;
  readonly #reset = (): void => {
    this.#now = 0;
  };

  /** Milliseconds since the epoch, at most about 1 ms old. */
  now(): number {
    if (this.#now !== 0) return this.#now;
    this.#now = Date.now();
    this.#timer = setTimeout(this.#reset, 1);
    this.#timer.unref();
    return this.#now;
  }

  /** Stops the timer. */
  stop(): void {
    clearTimeout(this.#timer);
    this.#now = 0;
  }
}
