/**
 * The L2 store contract: the method subset every keyv storage adapter implements
 * (`@keyv/redis`, `@keyv/sqlite`, `@keyv/postgres`, …), and a `Keyv` instance itself.
 * Values the cache hands over are base64 strings, or `Uint8Array`s when `binary` is true.
 */
export interface KeyvStoreLike {
  /** Resolves the stored value, or `undefined` when the key is absent. */
  get(key: string): Promise<unknown>;
  /** Stores `value`; `ttl` is in milliseconds, absent for no expiry. */
  set(key: string, value: unknown, ttl?: number): Promise<unknown>;
  /** Deletes the key; resolves whether it existed. */
  delete(key: string): Promise<boolean>;
  /** Deletes every key of this store (or of its namespace). */
  clear(): Promise<void>;
  /** Fetches several keys in one round trip, in input order. */
  getMany?(keys: string[]): Promise<unknown[]>;
  /** Releases connections or files. */
  disconnect?(): Promise<void>;
  /** True when the store keeps `Uint8Array` values as bytes (no base64 needed). */
  readonly binary?: boolean;
}

/** Checks that `store` has the methods of {@link KeyvStoreLike}. */
export function isKeyvStoreLike(store: unknown): store is KeyvStoreLike {
  if (typeof store !== 'object' || store === null) return false;
  const candidate = store as Record<string, unknown>;
  return ['get', 'set', 'delete', 'clear'].every((name) => typeof candidate[name] === 'function');
}
