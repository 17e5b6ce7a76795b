import '@hotpath/protocol/assert-node';

/**
 * `@hotpath/cache/test-suite`: the conformance suite every L2 store passes, for authors of
 * `KeyvStoreLike` stores. A subpath of its own, as `@keyv/test-suite` is, so the main entry
 * carries no test code.
 *
 * @example
 * ```ts
 * import { testCacheStore } from '@hotpath/cache/test-suite';
 * import { describe, it } from 'vitest';
 * describe('my store', () => testCacheStore(() => createMyStore(), it));
 * ```
 */
export { type RegisterTest, testCacheStore } from './store-conformance.ts';
