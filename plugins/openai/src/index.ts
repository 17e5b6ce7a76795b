import '@hotpath/protocol/assert-node';

export { decodeOpenAI } from './decode.ts';
export {
  createOpenAIDialect,
  type OpenAIDialectOptions,
  openaiAuthHeaders,
  openaiDialect,
} from './dialect.ts';
export { createOpenAIProvider, type OpenAIProviderOptions, openaiPlugin } from './provider.ts';
export type { MaxTokensField } from './request-body.ts';
