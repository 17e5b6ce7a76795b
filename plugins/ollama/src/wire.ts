// Ollama's native chat and embed wire format, as far as hotpath reads and writes it.

/**
 * A tool call as Ollama sends and accepts it: arguments are an object, not JSON text. Recent
 * servers add an `id` and the call's `function.index`.
 */
export interface WireToolCall {
  id?: string;
  function: { index?: number; name: string; arguments: unknown };
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

/**
 * An `/api/chat` answer: the whole answer when not streaming, else one NDJSON line, where the
 * line with `done: true` carries the counts and `done_reason`. `/api/generate` puts the text in
 * `response` (and `thinking`) instead of `message`.
 */
export interface WireChat {
  model?: string;
  message?: Partial<WireMessage>;
  response?: string;
  thinking?: string;
  done?: boolean;
  done_reason?: string;
  prompt_eval_count?: number;
  eval_count?: number;
  error?: string | { message?: string };
}

/** An `/api/embed` answer. */
export interface WireEmbed {
  model?: string;
  embeddings?: number[][];
  prompt_eval_count?: number;
}
