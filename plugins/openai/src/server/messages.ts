import type { ChatMessage, ContentPart, ToolCall } from '@hotpath/protocol';
import { invalidValue } from '../errors.ts';
import { isObject, type Json, onlyKnown, present, string } from './json-value.ts';

// The messages of an OpenAI chat request, read into protocol messages. Every field a message can
// carry is either mapped (a `name` too) or refused (an `audio` reference, a non-null `refusal`),
// so nothing a client sent is dropped on the way upstream.

const SYSTEM_KEYS: ReadonlySet<string> = new Set(['role', 'content', 'name']);
const USER_KEYS: ReadonlySet<string> = new Set(['role', 'content', 'name']);
const ASSISTANT_KEYS: ReadonlySet<string> = new Set(['role', 'content', 'tool_calls', 'name']);
const TOOL_KEYS: ReadonlySet<string> = new Set(['role', 'content', 'tool_call_id']);
/** Answer fields clients echo back empty: `annotations: []`. */
const ECHOED_EMPTY: ReadonlySet<string> = new Set(['annotations']);

/** A message's `content` as text; `message` names the message (`messages[i]`) in a 400. */
function text(content: unknown, message: string): string {
  if (content === null || content === undefined) return '';
  if (typeof content === 'string') return content;
  // The parameter's name is built only for an error or a list of parts, not for every message.
  const param = `${message}.content`;
  if (!Array.isArray(content)) throw invalidValue(param, 'a string or an array of text parts');
  return content
    .map((part, i) => {
      if (!isObject(part) || part.type !== 'text')
        throw invalidValue(`${param}[${i}].type`, "'text'");
      return string(part.text, `${param}[${i}].text`);
    })
    .join('');
}

function imagePart(value: Json, param: string): ContentPart {
  const { url, detail } = value.image_url as Json;
  const image = string(url, `${param}.image_url.url`);
  if (!present(detail)) return { type: 'image', image };
  if (detail !== 'auto' && detail !== 'low' && detail !== 'high')
    throw invalidValue(`${param}.image_url.detail`, "'auto', 'low' or 'high'");
  return { type: 'image', image, detail };
}

function part(value: unknown, param: string): ContentPart {
  if (!isObject(value)) throw invalidValue(param, 'a content part object');
  if (value.type === 'text') return { type: 'text', text: string(value.text, `${param}.text`) };
  if (value.type === 'image_url' && isObject(value.image_url)) return imagePart(value, param);
  throw invalidValue(
    `${param}.type`,
    "'text' or 'image_url' (audio and file parts are not relayed)",
  );
}

function toolCalls(value: unknown, param: string): ToolCall[] {
  if (!Array.isArray(value)) throw invalidValue(param, 'an array of tool calls');
  return value.map((call, i) => {
    const fn = isObject(call) ? call.function : undefined;
    if (!isObject(call) || !isObject(fn))
      throw invalidValue(`${param}[${i}].function`, 'an object');
    if (present(call.type) && call.type !== 'function')
      throw invalidValue(`${param}[${i}].type`, "'function'");
    return {
      id: string(call.id, `${param}[${i}].id`),
      name: string(fn.name, `${param}[${i}].function.name`),
      arguments: string(fn.arguments, `${param}[${i}].function.arguments`),
    };
  });
}

/** `message` with the participant's `name`, when the client sent one. */
function named<M extends ChatMessage>(message: M, value: Json, param: string): M {
  if (!present(value.name)) return message;
  return { ...message, name: string(value.name, `${param}.name`) };
}

function assistant(value: Json, param: string): ChatMessage {
  onlyKnown(value, ASSISTANT_KEYS, param, ECHOED_EMPTY);
  const calls = present(value.tool_calls)
    ? toolCalls(value.tool_calls, `${param}.tool_calls`)
    : undefined;
  const content = text(value.content, param);
  const message: ChatMessage = calls?.length
    ? { role: 'assistant', content, toolCalls: calls }
    : { role: 'assistant', content };
  return named(message, value, param);
}

function user(value: Json, param: string): ChatMessage {
  onlyKnown(value, USER_KEYS, param);
  const { content } = value;
  if (typeof content === 'string') return named({ role: 'user', content }, value, param);
  if (!Array.isArray(content))
    throw invalidValue(`${param}.content`, 'a string or an array of parts');
  const parts = content.map((p, j) => part(p, `${param}.content[${j}]`));
  return named({ role: 'user', content: parts }, value, param);
}

/** Reads `messages[i]`; a malformed or unrelayable field throws a 400 naming it. */
export function message(value: unknown, i: number): ChatMessage {
  const param = `messages[${i}]`;
  if (!isObject(value)) throw invalidValue(param, 'a message object');
  const { role } = value;
  if (role === 'system' || role === 'developer') {
    onlyKnown(value, SYSTEM_KEYS, param);
    return named({ role: 'system', content: text(value.content, param) }, value, param);
  }
  if (role === 'user') return user(value, param);
  if (role === 'assistant') return assistant(value, param);
  if (role === 'tool') {
    onlyKnown(value, TOOL_KEYS, param);
    const toolCallId = string(value.tool_call_id, `${param}.tool_call_id`);
    return { role, toolCallId, content: text(value.content, param) };
  }
  throw invalidValue(`${param}.role`, "'system', 'developer', 'user', 'assistant' or 'tool'");
}
