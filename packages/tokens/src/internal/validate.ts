import type { ChatMessage } from '@hotpath/protocol';
import { TokensArgumentError } from '../errors.ts';

/** Throws a {@link TokensArgumentError} unless `value` is a string. */
export function assertString(value: unknown, name: string): asserts value is string {
  if (typeof value !== 'string') throw new TokensArgumentError(name, 'a string');
}

const ROLES = new Set(['system', 'user', 'assistant', 'tool']);
const TOOL_CHOICES = new Set(['auto', 'none', 'required']);
/** Deepest tool-parameter schema accepted: the formatter recurses once per level. */
const MAX_SCHEMA_DEPTH = 64;

type Fields = { readonly [key: string]: unknown };

const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null;

/** A text part with its text, or an image part (its image is not read: it costs a fixed count). */
function isContentPart(part: unknown): boolean {
  if (!isObject(part)) return false;
  return (part.type === 'text' && typeof part.text === 'string') || part.type === 'image';
}

function isToolCall(call: unknown): boolean {
  return isObject(call) && typeof call.name === 'string' && typeof call.arguments === 'string';
}

/**
 * Throws a {@link TokensArgumentError} unless `message` is a ChatMessage whose every counted
 * field has its type: content (a string, or for non-system messages an array of text and image
 * parts) and an assistant's tool calls (`name` and `arguments` strings). A malformed message
 * would otherwise be counted wrong (an unknown part as an image) or crash with a bare TypeError.
 */
export function assertMessage(message: ChatMessage): void {
  const value: unknown = message;
  if (!isObject(value) || !ROLES.has(value.role as string)) {
    throw new TokensArgumentError(
      'messages[i]',
      'a ChatMessage with role system, user, assistant or tool',
    );
  }
  const { content, role, toolCalls } = value;
  if (typeof content !== 'string') {
    if (role === 'system') throw new TokensArgumentError('messages[i].content', 'a string');
    if (!Array.isArray(content) || !content.every(isContentPart)) {
      throw new TokensArgumentError(
        'messages[i].content',
        "a string or an array of content parts ({ type: 'text', text } or { type: 'image', image })",
      );
    }
  }
  if (role === 'assistant' && toolCalls !== undefined) {
    if (!Array.isArray(toolCalls) || !toolCalls.every(isToolCall)) {
      throw new TokensArgumentError(
        'messages[i].toolCalls',
        'an array of tool calls with string name and arguments',
      );
    }
  }
}

/** A JSON Schema (object or boolean) whose nested `properties` and `items` are schemas too. */
function isSchema(schema: unknown, depth: number): boolean {
  if (typeof schema === 'boolean') return true;
  if (!isObject(schema) || depth > MAX_SCHEMA_DEPTH) return false;
  const { properties, items } = schema;
  if (items !== undefined && !isSchema(items, depth + 1)) return false;
  if (!isObject(properties)) return true;
  return Object.values(properties).every((property) => isSchema(property, depth + 1));
}

function isToolDefinition(tool: unknown): boolean {
  if (!isObject(tool) || typeof tool.name !== 'string') return false;
  if (tool.description !== undefined && typeof tool.description !== 'string') return false;
  return isObject(tool.parameters) && isSchema(tool.parameters, 0);
}

/** Throws a {@link TokensArgumentError} unless `tools` and `toolChoice` are what the API takes. */
export function assertTools(tools: unknown, toolChoice: unknown): void {
  if (tools !== undefined && (!Array.isArray(tools) || !tools.every(isToolDefinition))) {
    throw new TokensArgumentError(
      'options.tools',
      `an array of ToolDefinition ({ name: string, description?: string, parameters: a JSON Schema object nested at most ${MAX_SCHEMA_DEPTH} levels })`,
    );
  }
  const named = isObject(toolChoice) && typeof toolChoice.name === 'string';
  if (toolChoice !== undefined && !named && !TOOL_CHOICES.has(toolChoice as string)) {
    throw new TokensArgumentError(
      'options.toolChoice',
      "'auto', 'none', 'required' or { name: string }",
    );
  }
}

/** Throws a {@link TokensArgumentError} unless `tokens` is array-like (an array or a typed array of ids). */
export function assertTokenIds(tokens: unknown): asserts tokens is ArrayLike<number> {
  const length = (tokens as { length?: unknown } | null)?.length;
  if (typeof tokens !== 'object' || !Number.isSafeInteger(length) || (length as number) < 0) {
    throw new TokensArgumentError('tokens', 'an array or typed array of token ids');
  }
}

/** Returns `value`, or throws a {@link TokensArgumentError} unless it is a positive integer. */
export function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1)
    throw new TokensArgumentError(name, 'a positive integer');
  return value;
}

/** Returns `value`, or throws a {@link TokensArgumentError} unless it is a number ≥ 0. */
export function nonNegative(value: number, name: string): number {
  // typeof first: `'5' >= 0` and `null >= 0` are true in JavaScript.
  if (typeof value !== 'number' || !(value >= 0))
    throw new TokensArgumentError(name, 'a number ≥ 0');
  return value;
}
