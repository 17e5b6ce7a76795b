import '@hotpath/protocol/assert-node';

export {
  type Batcher,
  type BatcherOptions,
  type BatchLoadFn,
  createBatcher,
  type LoadOptions,
} from './batcher.ts';
export { EXECUTOR_CHANNELS } from './channels.ts';
export {
  BatcherClosedError,
  BatchResultError,
  DependencyFailedError,
  GraphCycleError,
  GraphMissingDependencyError,
  InvalidArgumentError,
  LimitClearedError,
  RaceLostError,
  RateLimitCapacityError,
  ReservationSettledError,
  TimeoutError,
} from './errors.ts';
export { type Contender, type FirstOptions, first } from './first.ts';
export {
  type GraphOptions,
  type GraphResult,
  type GraphTask,
  type GraphTaskContext,
  type GraphTaskReport,
  type GraphTaskStatus,
  type GraphTasks,
  runGraph,
} from './graph.ts';
export { type LimitCallOptions, type LimitedFunction, type Limiter, limit } from './limit.ts';
export { type MapInput, type MapOptions, type Mapper, map, type TaskContext } from './map.ts';
export {
  type BucketConfig,
  createMemoryStore,
  MemoryRateLimitStore,
  type RateLimitStore,
  type TakeResult,
} from './rate-limit-store.ts';
export {
  type AcquireOptions,
  createRateLimiter,
  type RateLimit,
  type RateLimiter,
  type RateLimiterOptions,
  type Reservation,
} from './rate-limiter.ts';
export { type FlightOptions, type SingleFlight, singleFlight } from './single-flight.ts';
