import '@hotpath/protocol/assert-node';

export { decodeAnthropic } from './decode.ts';
export { ANTHROPIC_VERSION, anthropicAuthHeaders, anthropicDialect } from './dialect.ts';
export {
  type AnthropicProviderOptions,
  anthropicPlugin,
  createAnthropicProvider,
} from './provider.ts';
export { DEFAULT_MAX_TOKENS } from './request-body.ts';
