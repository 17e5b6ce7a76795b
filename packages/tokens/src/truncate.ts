import type { ChatMessage } from '@hotpath/protocol';
import { TokenBudgetExceededError, TokensArgumentError } from './errors.ts';
import { dropOrder, groupUnits, type Unit } from './internal/message-units.ts';
import { assertMessage } from './internal/validate.ts';
import { type ChatCountOptions, createTokenizer, type Tokenizer } from './tokenizer.ts';

/** Which messages go first when the history is too long. */
export type TruncateStrategy = 'oldest-first' | 'middle-out';

/** Options for {@link truncate}. */
export interface TruncateOptions extends ChatCountOptions {
  /**
   * Tokenizer that counts the messages. Reuse one across calls: it memoises per-message counts,
   * so a growing history is only counted once per new message.
   * @default createTokenizer({ model })
   */
  readonly tokenizer?: Tokenizer;
  /** Model whose tokenizer and chat overhead to use when no `tokenizer` is given. */
  readonly model?: string;
  /** Tokens kept free for the model's answer. @default 0 */
  readonly reserveOutput?: number;
  /** Drop the oldest messages first, or those in the middle of the history first. @default 'oldest-first' */
  readonly strategy?: TruncateStrategy;
}

/** What {@link truncate} returns. */
export interface TruncateResult {
  /** The kept messages, in their original order (the same objects). */
  readonly messages: ChatMessage[];
  /** Prompt tokens of the kept messages, tools and reply priming. */
  readonly tokens: number;
  /** How many messages were dropped. */
  readonly dropped: number;
}

function validate(messages: unknown, budget: unknown, options: TruncateOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new TokensArgumentError('options', 'an object');
  }
  const { tokenizer } = options;
  if (tokenizer !== undefined && typeof tokenizer?.countMessage !== 'function') {
    throw new TokensArgumentError('options.tokenizer', 'a Tokenizer from createTokenizer()');
  }
  if (!Array.isArray(messages))
    throw new TokensArgumentError('messages', 'an array of ChatMessage');
  // Before grouping: grouping reads roles and tool calls of every message, counted or not.
  for (const message of messages) assertMessage(message);
  if (!Number.isInteger(budget) || (budget as number) < 0) {
    throw new TokensArgumentError('budget', 'an integer ≥ 0');
  }
  const reserve = options.reserveOutput ?? 0;
  if (!Number.isInteger(reserve) || reserve < 0) {
    throw new TokensArgumentError('options.reserveOutput', 'an integer ≥ 0');
  }
  const { strategy = 'oldest-first' } = options;
  if (strategy !== 'oldest-first' && strategy !== 'middle-out') {
    throw new TokensArgumentError('options.strategy', "'oldest-first' or 'middle-out'");
  }
}

/**
 * Fits a chat history into `budget` prompt tokens, keeping `reserveOutput` tokens free.
 * System messages, the last user message and everything after it are always kept; other
 * messages are dropped oldest-first or middle-out, and an assistant tool call is never
 * separated from its tool results. Only the messages that are kept (and the first one that
 * does not fit) are counted: the kept ones are found from the end of the drop order, so a
 * long history costs little more than its kept part. Throws {@link TokenBudgetExceededError}
 * when the kept messages alone do not fit.
 *
 * @example
 * ```ts
 * const tokenizer = createTokenizer({ model: 'gpt-4o' });
 * const { messages } = truncate(history, 128_000, { tokenizer, reserveOutput: 4_096 });
 * ```
 */
export function truncate(
  messages: readonly ChatMessage[],
  budget: number,
  options: TruncateOptions = {},
): TruncateResult {
  validate(messages, budget, options);
  const tokenizer =
    options.tokenizer ?? createTokenizer(options.model ? { model: options.model } : {});
  const tokensOf = (unit: Unit): number =>
    unit.indexes.reduce((sum, i) => sum + tokenizer.countMessage(messages[i]!), 0);
  const units = groupUnits(messages);
  const available = budget - (options.reserveOutput ?? 0);
  // countChat([]) is the reply priming as this tokenizer counts it (an estimating one scales it;
  // replyTokens is the raw figure). Each part is rounded up on its own, so for an estimate the
  // sum is at least countChat of the kept messages: what truncate says fits really does.
  let total = tokenizer.countChat([]) + tokenizer.countTools(messages, options);
  for (const unit of units) if (unit.pinned) total += tokensOf(unit);
  if (total > available) throw new TokenBudgetExceededError(total + (budget - available), budget);
  // Dropping in order until the rest fits keeps the longest tail of the drop order that fits.
  const order = dropOrder(units, options.strategy ?? 'oldest-first');
  const kept = new Set<Unit>();
  for (let i = order.length - 1; i >= 0; i--) {
    const tokens = tokensOf(order[i]!);
    if (total + tokens > available) break;
    total += tokens;
    kept.add(order[i]!);
  }
  const keep = new Uint8Array(messages.length);
  for (const unit of units) {
    if (unit.pinned || kept.has(unit)) for (const i of unit.indexes) keep[i] = 1;
  }
  const out = messages.filter((_, i) => keep[i] === 1);
  return { messages: out, tokens: total, dropped: messages.length - out.length };
}
