// The OpenAI chat-completions wire format, as far as hotpath reads and writes it.

/** A message as OpenAI-compatible servers accept it. */
export interface WireMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string | null | WirePart[];
  tool_calls?: WireToolCall[];
  tool_call_id?: string;
  /** The participant's name (system, user and assistant messages). */
  name?: string;
}

/** A content part of a user message. */
export type WirePart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string; detail?: 'auto' | 'low' | 'high' } };

/** A tool call in an assistant message. */
export interface WireToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/**
 * A tool call as an answer carries it: whole in a `chat.completion` message, or as a fragment in a
 * chunk's `delta` (the first fragment has `id` and `name`, later ones only more `arguments`).
 */
export interface WireToolCallPart {
  index?: number;
  id?: string;
  type?: 'function';
  function?: { name?: string; arguments?: string };
}

/**
 * What the assistant said: a `chat.completion` choice's `message`, or a chunk choice's `delta`,
 * which has the same fields in pieces. Reasoning comes as `reasoning_content` (DeepSeek, vLLM,
 * llama.cpp) or `reasoning` (OpenRouter, Ollama's `/v1`).
 */
export interface WireMessagePart {
  content?: string | null;
  reasoning_content?: string | null;
  reasoning?: string | null;
  tool_calls?: WireToolCallPart[] | null;
}

/** OpenAI's usage block. */
export interface WireUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number | null } | null;
  completion_tokens_details?: { reasoning_tokens?: number | null } | null;
}

/** A non-streaming chat completion. */
export interface WireCompletion {
  id?: string;
  model?: string;
  choices?: { message?: WireMessagePart; finish_reason?: string | null }[];
  usage?: WireUsage | null;
}

/** One choice of a `chat.completion.chunk`. */
export interface WireChunkChoice {
  delta?: WireMessagePart | null;
  finish_reason?: string | null;
}

/** A `chat.completion.chunk`: one SSE event's data. */
export interface WireChunk {
  choices?: WireChunkChoice[] | null;
  usage?: WireUsage | null;
  error?: { message?: string; type?: string } | null;
}

/** An embeddings response, with `encoding_format: "base64"` or floats. */
export interface WireEmbeddings {
  model?: string;
  data?: { index: number; embedding: string | number[] }[];
  usage?: { prompt_tokens?: number } | null;
}
