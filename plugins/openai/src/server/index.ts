// The server side of the OpenAI wire format: what a server speaking the OpenAI API to its own
// clients (the hotpath gateway) reads and writes. The client side is `openaiDialect`; the two are
// inverses where they meet, so one package knows the OpenAI wire.
import '@hotpath/protocol/assert-node';

export {
  OpenAIRequestError,
  type OpenAIRequestProblem,
} from '../errors.ts';
export {
  type ChatRequestCall,
  type ParseChatRequestOptions,
  parseChatRequest,
} from './chat-request.ts';
export { ChatChunkEncoder, chatCompletionJson, completionId, usageJson } from './chat-response.ts';
export {
  type EmbeddingsRequestCall,
  embeddingsJson,
  parseEmbeddingsRequest,
} from './embeddings.ts';
export { errorEvent, errorJson, type OpenAIErrorFields } from './error-body.ts';
export { DEFAULT_MAX_DEPTH } from './json-depth.ts';
export { openaiParam } from './param-names.ts';
