import type { ChatMessage } from '@hotpath/protocol';
import { messageTokens } from '../chat-format.ts';
import { TokensArgumentError } from '../errors.ts';
import type { TextCounter } from '../tokenizer.ts';
import type { BpeEngine } from './bpe.ts';
import { assertMessage } from './validate.ts';

/** Every text of `messages` that chat counting will count (roles, contents, tool calls). */
export function messageTexts(messages: readonly ChatMessage[]): string[] {
  if (!Array.isArray(messages))
    throw new TokensArgumentError('messages', 'an array of ChatMessage');
  const texts: string[] = [];
  const collect = (text: string): number => {
    texts.push(text);
    return 0;
  };
  for (const message of messages) {
    assertMessage(message);
    messageTokens(message, collect, 0);
  }
  return texts;
}

/** The distinct texts of at least `minChars` characters: worth counting on a worker. */
export function offloadable(texts: readonly string[], minChars: number): string[] {
  return [...new Set(texts.filter((text) => text.length >= minChars))];
}

/** A counter that answers from `known` (counted on workers) and counts anything else inline. */
export function knownCounts(engine: BpeEngine, known: ReadonlyMap<string, number>): TextCounter {
  return {
    count: (text) => known.get(text) ?? engine.count(text),
    countUpTo: (text, limit) => engine.countUpTo(text, limit),
    encode: (text) => engine.encode(text),
    decode: (tokens) => engine.decode(tokens),
  };
}
