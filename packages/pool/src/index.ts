import '@hotpath/protocol/assert-node';

export { POOL_CHANNELS } from './channels.ts';
export {
  AcquireTimeoutError,
  PoolArgumentError,
  PoolClosedError,
  PoolDrainedError,
} from './errors.ts';
export {
  createHttpPool,
  type HttpPool,
  type HttpPoolOptions,
  type HttpPoolRequestOptions,
  type OriginStats,
} from './http-pool.ts';
export type { TimingSummary } from './internal/timing.ts';
export {
  createObjectPool,
  type Lease,
  type ObjectPool,
  type ObjectPoolOptions,
  type ObjectPoolStats,
} from './object-pool.ts';
