import type { ChatMessage } from '@hotpath/protocol';
import { TokenBudgetExceededError, TokensArgumentError } from './errors.ts';
import { dropOrder, groupUnits } from './internal/message-units.ts';
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
  if (!Array.isArray(messages))
    throw new TokensArgumentError('messages', 'an array of ChatMessage');
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
 * separated from its tool results. Each message is counted once (memoised), so the whole
 * call is O(n). Throws {@link TokenBudgetExceededError} when the kept messages alone do not fit.
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
  const units = groupUnits(messages, (message) => tokenizer.countMessage(message));
  const fixed = tokenizer.replyTokens + tokenizer.countTools(messages, options);
  const available = budget - (options.reserveOutput ?? 0);
  let total = fixed + units.reduce((sum, unit) => sum + unit.tokens, 0);
  const pinned = fixed + units.reduce((sum, unit) => sum + (unit.pinned ? unit.tokens : 0), 0);
  if (pinned > available) throw new TokenBudgetExceededError(pinned + (budget - available), budget);
  const dropped = new Set<number>();
  for (const unit of dropOrder(units, options.strategy ?? 'oldest-first')) {
    if (total <= available) break;
    total -= unit.tokens;
    for (const index of unit.indexes) dropped.add(index);
  }
  const kept = messages.filter((_, index) => !dropped.has(index));
  return { messages: kept, tokens: total, dropped: dropped.size };
}
