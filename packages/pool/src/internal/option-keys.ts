import { type KnownKeys, knownKeys } from '@hotpath/protocol';
import type { HttpPoolOptions } from '../http-pool.ts';
import type { ObjectPoolOptions } from '../object-pool.ts';

/** The keys of {@link HttpPoolOptions}. */
export const HTTP_POOL_OPTIONS: KnownKeys = knownKeys<HttpPoolOptions>({
  connections: true,
  pipelining: true,
  keepAliveTimeoutMs: true,
  keepAliveMaxTimeoutMs: true,
  headersTimeoutMs: true,
  bodyTimeoutMs: true,
  connectTimeoutMs: true,
  allowH2: true,
  retryStaleSockets: true,
});

/** The keys of {@link ObjectPoolOptions}. */
export const OBJECT_POOL_OPTIONS: KnownKeys = knownKeys<ObjectPoolOptions<unknown>>({
  create: true,
  destroy: true,
  validate: true,
  min: true,
  max: true,
  acquireTimeoutMs: true,
  idleTimeoutMs: true,
  backoffInitialMs: true,
  backoffMaxMs: true,
});
