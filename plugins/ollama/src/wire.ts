// Ollama's native chat and embed wire format, as far as hotpath reads and writes it.

/** A tool call as Ollama sends and accepts it: arguments are an object, not JSON text. */
export interface WireToolCall {
  id?: string;
  function: { name: string; arguments: unknown };
}

/** A message of Ollama's `/api/chat`. */
export interface WireMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
  images?: string[];
  tool_calls?: WireToolCall[];
  tool_name?: string;
  thinking?: string;
}

/** A non-streaming `/api/chat` answer. */
export interface WireChat {
  model?: string;
  message?: WireMessage;
  done_reason?: string;
  prompt_eval_count?: number;
  eval_count?: number;
}

/** An `/api/embed` answer. */
export interface WireEmbed {
  model?: string;
  embeddings?: number[][];
  prompt_eval_count?: number;
}
