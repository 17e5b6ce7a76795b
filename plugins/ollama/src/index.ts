export { createOllamaProvider, type OllamaProviderOptions, ollamaPlugin } from './provider.ts';
