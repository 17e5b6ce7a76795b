import './assert-node.ts';

export type {
  CompletionRequest,
  CompletionResult,
  FinishReason,
  JsonSchema,
  ProviderOptions,
  ResponseFormat,
  ToolChoice,
  ToolDefinition,
  Usage,
} from './completion.ts';
export type {
  FinishDelta,
  ReasoningDelta,
  StreamDelta,
  TextDelta,
  ToolCallDelta,
  UsageDelta,
} from './delta.ts';
export { argumentMessage, describeValue } from './describe-value.ts';
export type { EmbeddingRequest, EmbeddingResult } from './embedding.ts';
export {
  HotpathArgumentError,
  HotpathError,
  type HotpathErrorOptions,
  isHotpathError,
  ProtocolArgumentError,
  urlWithoutCredentials,
} from './errors.ts';
export {
  checkKnownKeys,
  type KnownKeys,
  knownKeys,
  unknownKeyMessage,
} from './known-keys.ts';
export type { CallLocals } from './locals.ts';
export type {
  AssistantMessage,
  ChatMessage,
  ContentPart,
  ImagePart,
  Role,
  SystemMessage,
  TextPart,
  ToolCall,
  ToolMessage,
  UserMessage,
} from './messages.ts';
export type {
  CallContext,
  CompleteHandler,
  EmbedHandler,
  Handlers,
  LazyPlugin,
  Middleware,
  MiddlewareOrder,
  Plugin,
  PluginContext,
  Services,
  StreamHandler,
  Tool,
  ToolHandler,
  ToolInvocation,
} from './plugin.ts';
export type { CallOptions, Provider, RateLimitInfo } from './provider.ts';
export { createSeededRandom } from './seeded-random.ts';
export {
  assertSupportedNode,
  isSupportedNode,
  MIN_NODE_VERSION,
  TESTED_NODE_MAJORS,
  UnsupportedNodeError,
} from './supported-node.ts';
export { MAX_TIMER_MS } from './timers.ts';
