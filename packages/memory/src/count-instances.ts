import * as v8 from 'node:v8';
import { MemoryArgumentError, QueryObjectsUnavailableError } from './errors.ts';

type QueryObjects = (
  ctor: abstract new (...args: never[]) => unknown,
  options: { format: 'count' },
) => number;

/**
 * Counts the live objects whose prototype chain contains `Class.prototype`, with
 * `v8.queryObjects(Class, { format: 'count' })`. V8 runs a full GC first, so only reachable objects
 * count. Instances of subclasses count too, and so does each subclass's `prototype` object (its
 * chain contains `Class.prototype`). Node prints a one-time ExperimentalWarning for the API.
 *
 * @throws {QueryObjectsUnavailableError} on runtimes without `v8.queryObjects` (Node < 22)
 * @example
 * ```ts
 * countInstances(Socket); // 12
 * ```
 */
export function countInstances(Class: abstract new (...args: never[]) => unknown): number {
  if (typeof Class !== 'function' || typeof Class.prototype !== 'object') {
    throw new MemoryArgumentError('Class', 'a class or constructor function', Class);
  }
  const query = (v8 as { queryObjects?: unknown }).queryObjects;
  if (typeof query !== 'function') throw new QueryObjectsUnavailableError();
  return (query as QueryObjects)(Class, { format: 'count' });
}
