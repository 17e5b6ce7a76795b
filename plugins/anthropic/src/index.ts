export {
  type AnthropicProviderOptions,
  anthropicPlugin,
  createAnthropicProvider,
} from './provider.ts';
export { DEFAULT_MAX_TOKENS } from './request-body.ts';
