import type { IntegrityError } from '../errors.ts';

/**
 * A store's own verified read, for the cache: the value, `undefined` when absent, or an
 * {@link IntegrityError} (returned, not thrown, and not published) when the row is corrupt.
 * It lets the cache tell "corrupt" from "absent" (which matters for tag invalidation times)
 * and skip its own entry checksum, the store having checked the whole row already.
 */
export const verifiedRead: unique symbol = Symbol('hotpath.cache.verifiedRead');

/** A store that implements {@link verifiedRead}. */
export interface VerifiedReader {
  [verifiedRead](key: string): unknown | IntegrityError;
}

/** True when `store` implements {@link verifiedRead}. */
export function isVerifiedReader(store: object): store is VerifiedReader {
  return typeof (store as Partial<VerifiedReader>)[verifiedRead] === 'function';
}
