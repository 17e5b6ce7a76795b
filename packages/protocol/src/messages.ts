/** A plain text part of a message. */
export interface TextPart {
  readonly type: 'text';
  readonly text: string;
}

/** An image part: a URL (`https:` or `data:`) or the raw bytes. */
export interface ImagePart {
  readonly type: 'image';
  /** URL of the image, or its bytes. */
  readonly image: string | Uint8Array;
  /** IANA media type, required when `image` holds bytes, for example `image/png`. */
  readonly mediaType?: string;
  /** Resolution hint for providers that support it. */
  readonly detail?: 'auto' | 'low' | 'high';
}

/** One part of a multi-part user message. */
export type ContentPart = TextPart | ImagePart;

/** A tool call made by the assistant. `arguments` is the JSON text the model produced. */
export interface ToolCall {
  readonly id: string;
  readonly name: string;
  readonly arguments: string;
}

/** Instructions that frame the whole conversation. */
export interface SystemMessage {
  readonly role: 'system';
  readonly content: string;
  /**
   * The participant who wrote it (OpenAI's `name`, which multi-agent chats set): sent by
   * providers that have it; the others refuse a request that sets it.
   */
  readonly name?: string;
}

/** What the user said: text, or text and images. */
export interface UserMessage {
  readonly role: 'user';
  readonly content: string | readonly ContentPart[];
  /**
   * The participant who wrote it (OpenAI's `name`, which multi-agent chats set): sent by
   * providers that have it; the others refuse a request that sets it.
   */
  readonly name?: string;
}

/** What the model answered: text, tool calls, or both. */
export interface AssistantMessage {
  readonly role: 'assistant';
  readonly content: string;
  readonly toolCalls?: readonly ToolCall[];
  /** Reasoning text, when the provider exposes it. */
  readonly reasoning?: string;
  /**
   * The participant who wrote it (OpenAI's `name`, which multi-agent chats set): sent by
   * providers that have it; the others refuse a request that sets it.
   */
  readonly name?: string;
}

/** The result of a tool call, answering the assistant's call with the same id. */
export interface ToolMessage {
  readonly role: 'tool';
  readonly toolCallId: string;
  readonly content: string;
}

/** One message of a chat conversation. */
export type ChatMessage = SystemMessage | UserMessage | AssistantMessage | ToolMessage;

/** The role of a {@link ChatMessage}. */
export type Role = ChatMessage['role'];
