export { createOpenAIProvider, type OpenAIProviderOptions, openaiPlugin } from './provider.ts';
