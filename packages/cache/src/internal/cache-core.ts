import { randomUUID } from 'node:crypto';
import type { BusMessage, CacheBus } from '../bus.ts';
import { CacheArgumentError, CacheClosedError } from '../errors.ts';
import type { KeyvStoreLike } from '../store.ts';
import { channels, publishError } from './channels.ts';
import { CoarseClock } from './coarse-clock.ts';
import { Counters } from './counters.ts';
import { Entry } from './entry.ts';
import type { Flight } from './flight.ts';
import { FrequencySketch } from './frequency-sketch.ts';
import { CORRUPT, L2Tier, type L2TierOptions } from './l2-tier.ts';
import { Lru } from './lru.ts';
import { TagRegistry } from './tag-registry.ts';
import { unserialisableValue } from './validate.ts';

/** Resolved options of a cache core (every default applied). */
export interface CoreOptions {
  readonly max: number;
  /** 0 when L1 is bounded by entries only. */
  readonly maxBytes: number;
  readonly ttlMs: number;
  readonly graceMs: number;
  readonly timeoutMs: number;
  readonly softTimeoutMs: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  readonly l2: { readonly store: KeyvStoreLike; readonly tier: L2TierOptions } | undefined;
  readonly bus: CacheBus | undefined;
  readonly sizeOf: (value: unknown) => number;
  /** TinyLFU admission into a full L1. */
  readonly lfu: boolean;
  /** Adaptive TTL: the cap, and how many hits earn one more base TTL. */
  readonly adaptiveTtl: { readonly maxMs: number; readonly hitsPerStep: number } | undefined;
}

/** Stands in for "never expires" when LFU is on, so hits leave `getSync`'s fast path and are counted. */
const FOREVER = Number.MAX_VALUE;

/** Lifetime of a write: relative ttl and grace, and the tags it carries. */
export interface WriteSpec {
  readonly ttlMs: number;
  readonly graceMs: number;
  readonly tags: readonly string[] | undefined;
}

/**
 * What L1 holds for a key: the bare value when the entry never expires, has no tags and
 * is not null (so a hit is one L1 `get` and a type check), else its {@link Entry}.
 * Entry is internal, so a user value is never mistaken for one.
 */
export type Slot = NonNullable<unknown>;

/** True when `entry` can live in L1 as its bare value. */
function isBare(entry: Entry): boolean {
  return (
    entry.expiresAt === Number.POSITIVE_INFINITY && entry.tags === undefined && entry.value !== null
  );
}

/** The entry behind an L1 slot; a bare value never expires and has no tags. */
function toEntry(slot: Slot | undefined): Entry | undefined {
  if (slot === undefined || slot instanceof Entry) return slot;
  return new Entry(slot, 0, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, undefined, 0);
}

/** State shared by a cache and all its namespace views. */
export class CacheCore {
  readonly options: CoreOptions;
  readonly l1: Lru<Slot>;
  readonly l2: L2Tier | undefined;
  readonly counters: Counters = new Counters();
  readonly tags: TagRegistry = new TagRegistry();
  readonly flights: Map<string, Flight> = new Map();
  /** Every view (root and namespaces) by key prefix, so `namespace(name)` returns the same view. */
  readonly views: Map<string, object> = new Map();
  readonly id: string = randomUUID();
  readonly clock: CoarseClock = new CoarseClock();
  readonly sketch: FrequencySketch | undefined;
  readonly #pending = new Set<Promise<unknown>>();
  /** Entries written since the last turn of the loop, persisted together at the next one. */
  readonly #due = new Map<string, Entry>();
  #flushDue = false;
  #lastStamp = 0;
  /** Default writes can store the bare value: no ttl, no LFU, no byte bound, nothing to persist. */
  readonly bareWrites: boolean;
  closed = false;

  constructor(options: CoreOptions) {
    this.options = options;
    this.l1 = new Lru<Slot>(options.max, options.maxBytes);
    this.l2 = options.l2 && new L2Tier(options.l2.store, options.l2.tier, this.counters);
    this.sketch = options.lfu ? new FrequencySketch(options.max) : undefined;
    this.bareWrites =
      options.ttlMs === Number.POSITIVE_INFINITY &&
      !options.lfu &&
      options.maxBytes === 0 &&
      this.l2 === undefined &&
      options.bus === undefined;
  }

  /** Subscribes to the bus; call once after construction. */
  async listen(): Promise<void> {
    await this.options.bus?.subscribe((message) => this.#onMessage(message));
  }

  /** The L1 entry for `key`, marking it recently used. */
  getL1(key: string): Entry | undefined {
    return toEntry(this.l1.get(key));
  }

  /** The L1 entry for `key`, without touching its recency. */
  peekL1(key: string): Entry | undefined {
    return toEntry(this.l1.peek(key));
  }

  /** True when the entry is fresh at `now` and no tag of it was invalidated. */
  isFresh(entry: Entry, now: number): boolean {
    return entry.expiresAt > now && this.tags.isValid(entry);
  }

  /** True when the entry is still servable as stale at `now`. */
  isServable(entry: Entry, now: number): boolean {
    return entry.staleUntil > now && this.tags.isValid(entry);
  }

  /**
   * A wall-clock instant with sub-millisecond precision, strictly increasing per instance,
   * so an entry written right after an invalidation in the same millisecond survives it.
   */
  stamp(): number {
    const now = Math.max(performance.timeOrigin + performance.now(), this.#lastStamp + 0.001);
    this.#lastStamp = now;
    return now;
  }

  /**
   * Builds an entry for `value` created now. Tagged entries get a precise creation
   * stamp (they are compared with invalidation times); untagged ones the coarse clock.
   */
  makeEntry(value: unknown, spec: WriteSpec, previous?: Entry): Entry {
    const now = spec.tags === undefined ? this.clock.now() : this.stamp();
    const ttl =
      this.options.adaptiveTtl === undefined ? spec.ttlMs : this.#adapt(spec.ttlMs, previous);
    const expiresAt = this.sketch !== undefined && ttl === Infinity ? FOREVER : now + ttl;
    const size = this.options.maxBytes > 0 ? this.sizeOf(value) : 0;
    return new Entry(value, now, expiresAt, expiresAt + spec.graceMs, spec.tags, size);
  }

  /**
   * The estimated size of a value, at least 1 byte. A value `sizeOf` cannot measure, or a size
   * that is not a number ≥ 0, is refused: a NaN size would disable the byte bound for good.
   */
  sizeOf(value: unknown): number {
    let size: unknown;
    try {
      size = this.options.sizeOf(value);
    } catch (cause) {
      throw unserialisableValue(value, cause);
    }
    if (typeof size !== 'number' || !(size >= 0)) {
      throw new CacheArgumentError('options.sizeOf(value)', 'a number ≥ 0', size);
    }
    return Math.max(1, Math.ceil(size));
  }

  /** {@link sizeOf} for `stats()`, which must answer even for an L1 value no one could size. */
  #sizeForStats(value: unknown): number {
    try {
      return this.sizeOf(value);
    } catch {
      return 1;
    }
  }

  /** Estimated bytes in L1: tracked by the recency list when bounded, else summed on demand. */
  bytes(): number {
    if (this.options.maxBytes > 0) return this.l1.calculatedSize;
    let total = 0;
    for (const slot of this.l1.values()) {
      if (!(slot instanceof Entry)) total += this.#sizeForStats(slot);
      else {
        if (slot.size === 0) slot.size = this.#sizeForStats(slot.value);
        total += slot.size;
      }
    }
    return total;
  }

  /**
   * Puts an entry in L1, dropping it when it alone exceeds the byte bound. With LFU
   * admission, a new key enters a full L1 only when it was accessed more often than
   * the entry it would evict.
   */
  putL1(key: string, entry: Entry): void {
    if (this.options.maxBytes > 0 && entry.size > this.options.maxBytes) {
      this.l1.delete(key);
      return;
    }
    if (this.sketch !== undefined && !this.#admit(key, this.sketch)) return;
    const slot = isBare(entry) ? (entry.value as Slot) : entry;
    this.l1.set(key, slot, entry.size);
  }

  /** Records an access for LFU admission. */
  touch(key: string, entry?: Entry): void {
    this.sketch?.increment(key);
    if (entry !== undefined) entry.hits++;
  }

  #admit(key: string, sketch: FrequencySketch): boolean {
    sketch.increment(key);
    if (this.l1.size < this.options.max || this.l1.has(key)) return true;
    const victim = this.l1.oldestKey();
    return victim === undefined || sketch.frequency(key) > sketch.frequency(victim);
  }

  /** Adaptive TTL: each `hitsPerStep` hits of the previous entry earn one more base TTL, up to the cap. */
  #adapt(ttl: number, previous: Entry | undefined): number {
    const adaptive = this.options.adaptiveTtl!;
    if (previous === undefined || !Number.isFinite(ttl)) return ttl;
    const steps = Math.floor(previous.hits / adaptive.hitsPerStep);
    return Math.min(adaptive.maxMs, ttl * (1 + steps));
  }

  /**
   * Writes L1 now; L2 and the bus are written in the background, tracked for `close()`, once
   * the current callbacks and microtasks are done: the caller answers with the value first, and
   * a synchronous L2 (SQLite) write never delays that answer. Every entry written until then is
   * persisted in one batch (one SQLite transaction, one bus message).
   */
  write(key: string, entry: Entry): void {
    this.counters.sets++;
    this.putL1(key, entry);
    if (channels.set.hasSubscribers) channels.set.publish({ key });
    if (this.l2 === undefined && this.options.bus === undefined) return;
    // A second write of a key before the flush replaces the first: only the newest is persisted.
    this.#due.set(key, entry);
    if (this.#flushDue) return;
    this.#flushDue = true;
    this.track(this.#persistSoon());
  }

  async #persistSoon(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.#flushDue = false;
    const batch = [...this.#due];
    this.#due.clear();
    if (batch.length === 0) return;
    await this.l2?.setMany(batch);
    await this.broadcast({ source: this.id, keys: batch.map(([key]) => key) });
  }

  /** {@link write} for a value with the default lifetime when {@link bareWrites} holds. */
  writeBare(key: string, value: Slot): void {
    this.counters.sets++;
    this.l1.set(key, value);
    if (channels.set.hasSubscribers) channels.set.publish({ key });
  }

  /** Writes an entry to L2 and tells the other instances. Never rejects. */
  async persist(key: string, entry: Entry): Promise<void> {
    // A background write of an older value still due must not land after this one.
    this.#due.delete(key);
    await this.l2?.set(key, entry);
    await this.broadcast({ source: this.id, keys: [key] });
  }

  /**
   * Reads L2, promotes a fresh or servable entry to L1, counts the result and publishes it
   * (`hotpath:cache:hit` / `miss` with `tier: 'l2'`). Never rejects. With a synchronous store
   * (SQLite) the result itself is returned, not a promise, unless tags must be checked first:
   * a miss then takes no turn of the microtask queue before its factory runs.
   */
  loadL2(key: string): Promise<Entry | undefined> | Entry | undefined {
    const l2 = this.l2;
    if (l2 === undefined || !l2.sync) return this.#loadL2(key);
    const entry = l2.getSync(key);
    if (entry === undefined) return this.#l2Miss(key);
    if (entry.tags === undefined) return this.#promote(key, entry);
    return this.#syncTags(entry.tags).then(() => this.#promote(key, entry));
  }

  async #loadL2(key: string): Promise<Entry | undefined> {
    const entry = await this.l2?.get(key);
    if (entry === undefined) return this.#l2Miss(key);
    if (entry.tags !== undefined) await this.#syncTags(entry.tags);
    return this.#promote(key, entry);
  }

  /** Promotes an entry read from L2 to L1 when servable; counts and publishes the outcome. */
  #promote(key: string, entry: Entry): Entry | undefined {
    const now = Date.now();
    if (!this.isServable(entry, now)) return this.#l2Miss(key);
    entry.size = this.options.maxBytes > 0 ? this.sizeOf(entry.value) : 0;
    this.putL1(key, entry);
    if (entry.expiresAt <= now) return this.#l2Miss(key, entry);
    this.counters.l2Hits++;
    if (channels.hit.hasSubscribers) channels.hit.publish({ key, tier: 'l2' });
    return entry;
  }

  /** Counts and publishes an L2 miss; `stale` is an entry past its ttl still servable in grace. */
  #l2Miss(key: string, stale?: Entry): Entry | undefined {
    this.counters.l2Misses++;
    if (channels.miss.hasSubscribers) channels.miss.publish({ key, tier: 'l2' });
    return stale;
  }

  /** Deletes a key from every tier and tells the other instances. */
  async remove(key: string): Promise<boolean> {
    this.#due.delete(key);
    this.counters.deletes++;
    const existed = this.l1.delete(key);
    if (channels.delete.hasSubscribers) channels.delete.publish({ key });
    await this.l2?.delete(key);
    await this.broadcast({ source: this.id, keys: [key] });
    return existed;
  }

  /** Invalidates tags here, in L2 and on the other instances. */
  async invalidate(tags: readonly string[]): Promise<void> {
    const at = this.stamp();
    for (const tag of tags) this.tags.invalidate(tag, at);
    if (channels.invalidate.hasSubscribers) channels.invalidate.publish({ tags });
    await Promise.all(tags.map((tag) => this.l2?.setTagTime(tag, at)));
    await this.broadcast({ source: this.id, tags: tags.map((tag) => [tag, at] as const) });
  }

  /** Empties L1 and L2 and tells the other instances. */
  async clear(): Promise<void> {
    this.#due.clear();
    this.l1.clear();
    await this.l2?.clear();
    await this.broadcast({ source: this.id, clear: true });
  }

  /** Backoff before the next refresh after `failures` consecutive failures. */
  backoff(failures: number): number {
    const wait = this.options.backoffBaseMs * 2 ** Math.min(failures - 1, 16);
    return Math.min(wait, this.options.backoffMaxMs);
  }

  /** Keeps a background promise until it settles, so `close()` can wait for it. */
  track(promise: Promise<unknown>): void {
    this.#pending.add(promise);
    const done = (): void => {
      this.#pending.delete(promise);
    };
    promise.then(done, done);
  }

  /** Aborts running factories, waits for background writes, closes L2 and the bus. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.clock.stop();
    for (const flight of this.flights.values())
      flight.controller.abort(new CacheClosedError('cache'));
    await Promise.allSettled([...this.#pending]);
    await Promise.allSettled([this.l2?.close(), this.options.bus?.close()]);
  }

  async broadcast(message: BusMessage): Promise<void> {
    const bus = this.options.bus;
    if (bus === undefined) return;
    try {
      await bus.publish(message);
    } catch (error) {
      publishError('bus.publish', message.keys?.[0], error);
    }
  }

  async #syncTags(tags: readonly string[]): Promise<void> {
    const l2 = this.l2!;
    const times = await Promise.all(tags.map((tag) => l2.getTagTime(tag)));
    times.forEach((at, i) => {
      const tag = tags[i]!;
      if (at === CORRUPT) {
        // When the tag was invalidated is unknown: assume just now (entries created before are
        // dead), and write that time back so that later entries of the tag verify again.
        const now = this.stamp();
        this.tags.invalidate(tag, now);
        this.track(l2.setTagTime(tag, now));
      } else if (at !== undefined) this.tags.invalidate(tag, at);
    });
  }

  #onMessage(message: BusMessage): void {
    if (message.source === this.id) return;
    if (message.clear === true) this.l1.clear();
    for (const key of message.keys ?? []) this.l1.delete(key);
    for (const [tag, at] of message.tags ?? []) this.tags.invalidate(tag, at);
  }
}
