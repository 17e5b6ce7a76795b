// The Anthropic Messages wire format, as far as hotpath reads and writes it.

/** A content block Anthropic accepts in a message. */
export type WireBlock =
  | { type: 'text'; text: string }
  | {
      type: 'image';
      source: { type: 'base64'; media_type: string; data: string } | { type: 'url'; url: string };
    }
  | { type: 'tool_use'; id: string; name: string; input: unknown }
  | { type: 'tool_result'; tool_use_id: string; content: string };

/** A message in Anthropic's alternating user/assistant conversation. */
export interface WireMessage {
  role: 'user' | 'assistant';
  content: WireBlock[];
}

/**
 * Anthropic's usage block. `input_tokens` excludes cache reads and writes. In a stream,
 * `message_start` has the first counts and `message_delta` the cumulative ones.
 */
export interface WireUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
}

/**
 * A content block of an answer: whole in a non-streaming `message`, or as a stream's
 * `content_block_start` announces it (empty text, `input: {}`). Other block types (redacted
 * thinking, server tools and their results) carry nothing hotpath maps.
 */
export type WireAnswerBlock =
  | { type: 'text'; text?: string }
  | { type: 'thinking'; thinking?: string; signature?: string }
  | { type: 'tool_use'; id?: string; name?: string; input?: unknown }
  | { type: string };

/** A non-streaming Messages response. */
export interface WireResponse {
  id?: string;
  model?: string;
  content?: WireAnswerBlock[];
  stop_reason?: string | null;
  usage?: WireUsage | null;
}

/** A `content_block_delta`'s `delta`. */
export interface WireBlockDelta {
  type?: string;
  text?: string;
  thinking?: string;
  partial_json?: string;
}

/** One event of a streamed answer: the `data` of `message_start`, `content_block_*`, `message_*`, `error`. */
export interface WireEvent {
  type?: string;
  index?: number;
  message?: { id?: string; usage?: WireUsage | null };
  content_block?: WireAnswerBlock;
  delta?: WireBlockDelta & { stop_reason?: string | null };
  usage?: WireUsage | null;
  error?: { type?: string; message?: string };
}
