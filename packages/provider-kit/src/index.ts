import '@hotpath/protocol/assert-node';

export { PROVIDER_CHANNELS } from './channels.ts';
export {
  type DialectCall,
  type DialectChat,
  type DialectDecodeOptions,
  dialectCalls,
  type ProviderDialect,
  withProviderOptions,
} from './dialect.ts';
export {
  createDialectProvider,
  DIALECT_PROVIDER_OPTIONS,
  type DialectProviderOptions,
} from './dialect-provider.ts';
export { mapHttpError, mapTransportError, upstreamMessage } from './error-mapping.ts';
export {
  assertOptionsObject,
  ContextLengthError,
  isProviderError,
  isRateLimited,
  isRetryable,
  ProviderArgumentError,
  ProviderAuthError,
  ProviderBadRequestError,
  ProviderError,
  type ProviderErrorDetails,
  ProviderRateLimitedError,
  ProviderTimeoutError,
  ProviderUnsupportedError,
  ProviderUpstreamError,
  parseToolArguments,
  unsupportedParameter,
} from './errors.ts';
export {
  createHttpProvider,
  type DecoderOptions,
  type HttpProvider,
  type HttpProviderSpec,
  type JsonCall,
  providerPlugin,
} from './http-provider.ts';
export {
  createJsonTransport,
  type JsonTransport,
  type JsonTransportOptions,
  type OpenResponse,
  type SendOptions,
} from './json-transport.ts';
export {
  type HeaderBag,
  parseDuration,
  parseRateLimitHeaders,
  type RateLimitInfo,
} from './rate-limit-headers.ts';
export {
  type RateLimitRetryOptions,
  type RateLimitRetryPolicy,
  rateLimitRetryPolicy,
  retryRateLimited,
} from './rate-limit-retry.ts';
export { redact } from './redact.ts';
export {
  embeddingVector,
  finiteVector,
  malformedAnswer,
  mapAnswer,
  optionalArray,
  optionalBoolean,
  optionalCount,
  optionalObject,
  optionalString,
  requiredObject,
} from './upstream-fields.ts';
