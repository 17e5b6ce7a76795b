import '@hotpath/protocol/assert-node';

export { decodeOpenAI } from './decode.ts';
export { openaiAuthHeaders, openaiDialect } from './dialect.ts';
export { createOpenAIProvider, type OpenAIProviderOptions, openaiPlugin } from './provider.ts';
