import '@hotpath/protocol/assert-node';

export { TOKENS_CHANNELS } from './channels.ts';
export type { ChatOverhead } from './chat-format.ts';
export { chatOverheadFor, formatToolDefinitions } from './chat-format.ts';
export { type CompressOptions, type CompressResult, compress } from './compress.ts';
export { ENCODINGS, type EncodingName, encodingForModel } from './encodings.ts';
export {
  NoPublicTokenizerError,
  TokenBudgetExceededError,
  TokensArgumentError,
  TokenWorkerCrashedError,
  TokenWorkersClosedError,
} from './errors.ts';
export { ESTIMATE_RULES, type EstimateRule, estimateRuleFor } from './estimate.ts';
export { hash } from './hash.ts';
export type { HashAlgorithm } from './internal/worker-protocol.ts';
export type { EstimatedTokenCount, ExactTokenCount, TokenCount } from './token-count.ts';
export { createTokenWorkers } from './token-workers.ts';
export type {
  HashOptions,
  TokenWorkerStats,
  TokenWorkers,
  TokenWorkersOptions,
  WorkerCallOptions,
} from './token-workers-api.ts';
export {
  type ChatCountOptions,
  createTokenizer,
  type Tokenizer,
  type TokenizerOptions,
} from './tokenizer.ts';
export {
  type TruncateOptions,
  type TruncateResult,
  type TruncateStrategy,
  truncate,
} from './truncate.ts';
export {
  DEFAULT_HASH_INLINE_THRESHOLD,
  DEFAULT_INLINE_THRESHOLD,
} from './worker-defaults.ts';
