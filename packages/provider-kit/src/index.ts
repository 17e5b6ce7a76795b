export {
  type ConformanceCase,
  type ConformanceTarget,
  type ConformanceUpstream,
  type ConformanceUpstreamStats,
  providerConformanceCases,
} from './conformance.ts';
export { mapHttpError, mapTransportError, upstreamMessage } from './error-mapping.ts';
export {
  assertOptionsObject,
  ContextLengthError,
  ProviderArgumentError,
  ProviderAuthError,
  ProviderBadRequestError,
  ProviderError,
  type ProviderErrorDetails,
  ProviderRateLimitedError,
  ProviderTimeoutError,
  ProviderUnsupportedError,
  ProviderUpstreamError,
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
export { redact } from './redact.ts';
