import type { ChatMessage } from '@hotpath/protocol';
import { TokensArgumentError } from '../errors.ts';

/** Throws a {@link TokensArgumentError} unless `value` is a string. */
export function assertString(value: unknown, name: string): asserts value is string {
  if (typeof value !== 'string') throw new TokensArgumentError(name, 'a string');
}

const ROLES = new Set(['system', 'user', 'assistant', 'tool']);

/** Throws a {@link TokensArgumentError} unless `message` looks like a ChatMessage. */
export function assertMessage(message: ChatMessage): void {
  if (typeof message !== 'object' || message === null || !ROLES.has(message.role)) {
    throw new TokensArgumentError(
      'messages[i]',
      'a ChatMessage with role system, user, assistant or tool',
    );
  }
  if (typeof message.content !== 'string' && !Array.isArray(message.content)) {
    throw new TokensArgumentError('messages[i].content', 'a string or an array of content parts');
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
  if (!(value >= 0)) throw new TokensArgumentError(name, 'a number ≥ 0');
  return value;
}
