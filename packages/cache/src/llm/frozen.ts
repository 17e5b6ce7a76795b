/**
 * Freezes `value` deeply where it can: plain objects (prototype `Object.prototype` or `null`)
 * and arrays, and everything inside them. Other objects (typed arrays and Buffers, which cannot
 * be frozen, Maps, Dates, class instances) are left as they are. Returns `value`.
 *
 * The LLM caches hand one stored answer to many callers: every hit, and every caller that joined
 * a shared flight, gets the very object stored, so one caller editing its answer in place would
 * change what every later caller gets. Frozen, such an edit throws (a `TypeError` in strict
 * mode, which every ES module is) instead of corrupting the cache. Freezing runs once per stored
 * answer: an answer already frozen at the top is taken as frozen throughout.
 */
export function frozen<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  freezeDeep(value, 0);
  return value;
}

/** Deeper than any answer a cache key accepts (`MAX_KEY_DEPTH`); past it values stay as they are. */
const MAX_DEPTH = 1000;

function freezeDeep(value: object, depth: number): void {
  if (depth > MAX_DEPTH || Object.isFrozen(value) || !isPlain(value)) return;
  Object.freeze(value);
  for (const key of Reflect.ownKeys(value)) {
    const field = (value as Record<PropertyKey, unknown>)[key];
    if (typeof field === 'object' && field !== null) freezeDeep(field, depth + 1);
  }
}

function isPlain(value: object): boolean {
  if (Array.isArray(value)) return true;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
