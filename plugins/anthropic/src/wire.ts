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

/** Anthropic's usage block. */
export interface WireUsage {
  input_tokens?: number;
  output_tokens?: number;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
}

/** A non-streaming Messages response. */
export interface WireResponse {
  id?: string;
  model?: string;
  content?: (
    | { type: 'text'; text: string }
    | { type: 'thinking'; thinking: string }
    | { type: 'tool_use'; id: string; name: string; input: unknown }
  )[];
  stop_reason?: string | null;
  usage?: WireUsage;
}
