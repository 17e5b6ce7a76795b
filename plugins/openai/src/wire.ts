// The OpenAI chat-completions wire format, as far as hotpath reads and writes it.

/** A message as OpenAI-compatible servers accept it. */
export interface WireMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string | null | WirePart[];
  tool_calls?: WireToolCall[];
  tool_call_id?: string;
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

/** OpenAI's usage block. */
export interface WireUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number } | null;
  completion_tokens_details?: { reasoning_tokens?: number } | null;
}

/** A non-streaming chat completion. */
export interface WireCompletion {
  id?: string;
  model?: string;
  choices?: {
    message?: {
      content?: string | null;
      reasoning_content?: string | null;
      reasoning?: string | null;
      tool_calls?: WireToolCall[] | null;
    };
    finish_reason?: string | null;
  }[];
  usage?: WireUsage | null;
}

/** An embeddings response, with `encoding_format: "base64"` or floats. */
export interface WireEmbeddings {
  model?: string;
  data?: { index: number; embedding: string | number[] }[];
  usage?: { prompt_tokens?: number } | null;
}
