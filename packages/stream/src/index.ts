import '@hotpath/protocol/assert-node';

export { type BudgetOptions, budget } from './budget.ts';
export {
  type CollectedStream,
  type CollectedToolCall,
  collect,
  collectDeltas,
  DeltaCollector,
  toCompletionResult,
} from './collect.ts';
export {
  type DeltaDecoder,
  decodeEvents,
  type EventDecoderSpec,
  type EventMapper,
  eventDecoder,
  parseEventJson,
} from './decode-events.ts';
export type { DecodeOptions, DeltaStream } from './delta-stream.ts';
export {
  ConnectionResetError,
  EventTooLargeError,
  LateJoinError,
  MalformedChunkError,
  SlowConsumerError,
  StreamAbortedError,
  StreamArgumentError,
  StreamTimeoutError,
  type TimeoutLimit,
  TruncatedStreamError,
  UpstreamStreamError,
} from './errors.ts';
export {
  type FanOut,
  type FanOutOptions,
  fanOut,
  type SlowConsumerPolicy,
  tee,
} from './fan-out.ts';
export {
  STREAM_CHANNELS,
  type StreamEndMessage,
  type StreamFirstTokenMessage,
  type StreamMetrics,
  type StreamStartMessage,
} from './metrics.ts';
export { parseNDJSON } from './parse-ndjson.ts';
export { type ParsedStream, type ParseOptions, parseSSE, type SseEvent } from './parse-sse.ts';
export { type RechunkOptions, rechunk } from './rechunk.ts';
export {
  type RecordedDelta,
  type Recording,
  type ReplayOptions,
  record,
  replay,
  type StreamLog,
} from './record.ts';
export { type TimeoutOptions, timeouts } from './timeouts.ts';
