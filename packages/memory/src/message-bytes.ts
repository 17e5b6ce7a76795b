import type { ChatMessage, ContentPart } from '@hotpath/protocol';

function partBytes(part: ContentPart): number {
  if (part.type === 'text') return Buffer.byteLength(part.text, 'utf8');
  return typeof part.image === 'string'
    ? Buffer.byteLength(part.image, 'utf8')
    : part.image.byteLength;
}

function contentBytes(content: string | readonly ContentPart[]): number {
  if (typeof content === 'string') return Buffer.byteLength(content, 'utf8');
  let bytes = 0;
  for (const part of content) bytes += partBytes(part);
  return bytes;
}

function assistantExtraBytes(message: Extract<ChatMessage, { role: 'assistant' }>): number {
  let bytes = message.reasoning === undefined ? 0 : Buffer.byteLength(message.reasoning, 'utf8');
  for (const call of message.toolCalls ?? []) {
    bytes += Buffer.byteLength(call.id, 'utf8');
    bytes += Buffer.byteLength(call.name, 'utf8');
    bytes += Buffer.byteLength(call.arguments, 'utf8');
  }
  return bytes;
}

/**
 * The UTF-8 size of a message's text: content (text parts, image URLs or image bytes), reasoning,
 * tool-call ids, names and arguments, and the tool-call id of a tool result. The default counter
 * of a bounded conversation with `maxBytes`.
 *
 * @example
 * ```ts
 * messageBytes({ role: 'user', content: 'héllo' }); // 6
 * ```
 */
export function messageBytes(message: ChatMessage): number {
  const bytes = contentBytes(message.content);
  if (message.role === 'assistant') return bytes + assistantExtraBytes(message);
  if (message.role === 'tool') return bytes + Buffer.byteLength(message.toolCallId, 'utf8');
  return bytes;
}
