import '@hotpath/protocol/assert-node';

export { decodeOllama } from './decode.ts';
export { ollamaAuthHeaders, ollamaDialect } from './dialect.ts';
export { createOllamaProvider, type OllamaProviderOptions, ollamaPlugin } from './provider.ts';
