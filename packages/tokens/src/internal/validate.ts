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
