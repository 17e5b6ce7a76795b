export {
  createOpenAIProvider,
  type OpenAIProvider,
  type OpenAIProviderOptions,
  openaiPlugin,
} from './provider.ts';
