import type { ChatMessage, SystemMessage, ToolChoice, ToolDefinition } from '@hotpath/protocol';
import {
  type ChatOverhead,
  chatOverheadFor,
  formatToolDefinitions,
  messageTokens,
  TOOLS_OVERHEAD,
  TOOLS_SYSTEM_DEDUCTION,
  toolChoiceTokens,
} from './chat-format.ts';
import { type EncodingName, encodingForModel, isEncodingName } from './encodings.ts';
import { NoPublicTokenizerError, TokensArgumentError } from './errors.ts';
import { type EstimateRule, estimateRuleFor } from './estimate.ts';
import { BpeEngine } from './internal/bpe.ts';
import { checkOptionKeys, TOKENIZER_OPTIONS } from './internal/option-keys.ts';
import {
  assertMessage,
  assertString,
  assertTokenIds,
  assertTools,
  nonNegative,
} from './internal/validate.ts';
import type { TokenCount } from './token-count.ts';

/** Options for {@link createTokenizer}. */
export interface TokenizerOptions {
  /**
   * Model name: picks the encoding (`gpt-4o` → o200k_base) and the chat overhead. A model
   * without a public tokenizer (`claude-…`, `gemini-…`) gives an estimating tokenizer.
   */
  readonly model?: string;
  /** Encoding to use; overrides the one `model` implies. @default 'o200k_base' */
  readonly encoding?: EncodingName;
  /**
   * Tokens billed per image part. OpenAI bills 85 per low-detail image and
   * 85 + 170 per 512 px tile at high detail; the default is a 1024 × 1024 high-detail image.
   * @default 765
   */
  readonly imageTokens?: number;
}

/** Options for chat counting. */
export interface ChatCountOptions {
  /** Tool definitions sent with the request; they are billed as prompt tokens. */
  readonly tools?: readonly ToolDefinition[];
  /** The request's tool choice (`none` and a named tool cost a few tokens). */
  readonly toolChoice?: ToolChoice;
}

/** Counts, encodes and decodes text and chats for one model or encoding. */
export interface Tokenizer {
  /** The encoding used (for an estimating tokenizer: the basis of the estimate). */
  readonly encoding: EncodingName;
  /** The model this tokenizer was made for, if any. */
  readonly model: string | undefined;
  /** False when the model has no public tokenizer and counts are estimates. */
  readonly exact: boolean;
  /** Token count of `text` (a point estimate when `exact` is false). */
  count(text: string): number;
  /** Token count of `text`, labelled exact or estimate (with bounds). */
  measure(text: string): TokenCount;
  /** Token ids of `text`. Special-token strings such as `<|endoftext|>` are encoded as text. */
  encode(text: string): Uint32Array;
  /** Text of `tokens`. */
  decode(tokens: ArrayLike<number>): string;
  /** The count when it is at most `limit`, else `false`; stops counting as soon as it is exceeded. */
  isWithinLimit(text: string, limit: number): number | false;
  /** Tokens of one message including its per-message overhead; memoised per message object. */
  countMessage(message: ChatMessage): number;
  /** Prompt tokens OpenAI bills for `messages` (plus tools), including the reply priming. */
  countChat(messages: readonly ChatMessage[], options?: ChatCountOptions): number;
  /** {@link Tokenizer.countChat}, labelled exact or estimate. */
  measureChat(messages: readonly ChatMessage[], options?: ChatCountOptions): TokenCount;
  /** Tokens added by the tool definitions and tool choice (0 without tools). */
  countTools(messages: readonly ChatMessage[], options?: ChatCountOptions): number;
  /** Tokens that prime the reply, added once per request. */
  readonly replyTokens: number;
}

/** What a tokenizer needs from its BPE engine; workers substitute counts computed off-thread. */
export interface TextCounter {
  count(text: string): number;
  countUpTo(text: string, limit: number): number;
  encode(text: string): Uint32Array;
  decode(tokens: ArrayLike<number>): string;
}

/** Resolved tokenizer settings, shared by {@link createTokenizer} and the worker pool. */
export interface TokenizerSetup {
  readonly encoding: EncodingName;
  readonly model: string | undefined;
  readonly rule: EstimateRule | undefined;
  readonly imageTokens: number;
}

class BpeTokenizer implements Tokenizer {
  readonly encoding: EncodingName;
  readonly model: string | undefined;
  readonly exact: boolean;
  readonly replyTokens: number;
  readonly #engine: TextCounter;
  readonly #rule: EstimateRule | undefined;
  readonly #overhead: ChatOverhead;
  readonly #images: number;
  readonly #messages = new WeakMap<ChatMessage, number>();
  readonly #countText = (text: string): number => this.#engine.count(text);

  constructor(setup: TokenizerSetup, engine: TextCounter) {
    const { encoding, model, rule } = setup;
    this.encoding = encoding;
    this.#images = setup.imageTokens;
    this.model = model;
    this.exact = rule === undefined;
    this.#rule = rule;
    this.#engine = engine;
    this.#overhead = chatOverheadFor(model);
    this.replyTokens = this.#overhead.perReply;
  }

  #scale(tokens: number): number {
    return this.#rule ? Math.ceil(tokens * this.#rule.factor) : tokens;
  }

  #label(raw: number): TokenCount {
    const rule = this.#rule;
    if (!rule) return { kind: 'exact', tokens: raw, encoding: this.encoding };
    const model = this.model ?? '';
    const bounds = { low: Math.floor(raw * rule.low), high: Math.ceil(raw * rule.high) };
    return { kind: 'estimate', tokens: this.#scale(raw), ...bounds, basis: this.encoding, model };
  }

  count(text: string): number {
    assertString(text, 'text');
    return this.#scale(this.#engine.count(text));
  }

  measure(text: string): TokenCount {
    assertString(text, 'text');
    return this.#label(this.#engine.count(text));
  }

  encode(text: string): Uint32Array {
    assertString(text, 'text');
    this.#requireExact();
    return this.#engine.encode(text);
  }

  decode(tokens: ArrayLike<number>): string {
    this.#requireExact();
    assertTokenIds(tokens);
    try {
      return this.#engine.decode(tokens);
    } catch (cause) {
      throw new TokensArgumentError('tokens', `ids of ${this.encoding}`, { cause });
    }
  }

  isWithinLimit(text: string, limit: number): number | false {
    assertString(text, 'text');
    nonNegative(limit, 'limit');
    const rule = this.#rule;
    const raw = this.#engine.countUpTo(text, rule ? Math.floor(limit / rule.factor) + 1 : limit);
    const tokens = raw < 0 ? -1 : this.#scale(raw);
    return tokens < 0 || tokens > limit ? false : tokens;
  }

  countMessage(message: ChatMessage): number {
    let tokens = this.#messages.get(message);
    if (tokens === undefined) {
      tokens = this.#scale(this.#rawMessage(message));
      this.#messages.set(message, tokens);
    }
    return tokens;
  }

  #rawMessage(message: ChatMessage): number {
    assertMessage(message);
    return this.#overhead.perMessage + messageTokens(message, this.#countText, this.#images);
  }

  countChat(messages: readonly ChatMessage[], options: ChatCountOptions = {}): number {
    return this.#scale(this.#rawChat(messages, options));
  }

  measureChat(messages: readonly ChatMessage[], options: ChatCountOptions = {}): TokenCount {
    return this.#label(this.#rawChat(messages, options));
  }

  #rawChat(messages: readonly ChatMessage[], options: ChatCountOptions): number {
    if (!Array.isArray(messages))
      throw new TokensArgumentError('messages', 'an array of ChatMessage');
    let total = this.#overhead.perReply + this.#rawTools(messages, options);
    for (const message of messages) total += this.#rawMessage(message);
    return total;
  }

  countTools(messages: readonly ChatMessage[], options: ChatCountOptions = {}): number {
    return this.#scale(this.#rawTools(messages, options));
  }

  #rawTools(messages: readonly ChatMessage[], options: ChatCountOptions): number {
    assertTools(options.tools, options.toolChoice);
    const choice = toolChoiceTokens(options.toolChoice, this.#countText);
    if (!options.tools || options.tools.length === 0) return choice;
    let tokens = choice + TOOLS_OVERHEAD + this.#engine.count(formatToolDefinitions(options.tools));
    const system = firstSystem(messages);
    if (system) {
      // The API appends a newline to the first system message when tools are present.
      const padded = system.content.endsWith('\n') ? system.content : `${system.content}\n`;
      tokens += this.#engine.count(padded) - this.#engine.count(system.content);
      tokens -= TOOLS_SYSTEM_DEDUCTION;
    }
    return tokens;
  }

  #requireExact(): void {
    if (this.#rule) throw new NoPublicTokenizerError(this.model ?? '');
  }
}

/** The first system message, once every message before it has been checked. */
function firstSystem(messages: readonly ChatMessage[]): SystemMessage | undefined {
  if (!Array.isArray(messages))
    throw new TokensArgumentError('messages', 'an array of ChatMessage');
  for (const message of messages) {
    assertMessage(message);
    if (message.role === 'system') return message;
  }
  return undefined;
}

/** Validates {@link TokenizerOptions} and resolves the encoding and estimate rule. */
export function resolveTokenizerSetup(options: TokenizerOptions): TokenizerSetup {
  const { model, imageTokens = 765 } = options;
  if (model !== undefined && typeof model !== 'string') {
    throw new TokensArgumentError('options.model', 'a string');
  }
  if (options.encoding !== undefined && !isEncodingName(options.encoding)) {
    throw new TokensArgumentError('options.encoding', "'o200k_base' or 'cl100k_base'");
  }
  if (!Number.isInteger(imageTokens) || imageTokens < 0) {
    throw new TokensArgumentError('options.imageTokens', 'an integer ≥ 0');
  }
  const known = model === undefined ? undefined : encodingForModel(model);
  const rule =
    model !== undefined && !known && !options.encoding ? estimateRuleFor(model) : undefined;
  return {
    encoding: options.encoding ?? known ?? 'o200k_base',
    model,
    rule,
    imageTokens,
  };
}

/** A tokenizer over any {@link TextCounter} (the worker pool passes pre-computed counts). */
export function tokenizerWith(setup: TokenizerSetup, counter: TextCounter): Tokenizer {
  return new BpeTokenizer(setup, counter);
}

/**
 * Creates a tokenizer for a model or an encoding. Exact for OpenAI models (o200k_base,
 * cl100k_base); for models without a public tokenizer it estimates, and says so.
 *
 * @example
 * ```ts
 * const tokenizer = createTokenizer({ model: 'gpt-4o' });
 * tokenizer.count('hello world'); // 2
 * tokenizer.isWithinLimit(longText, 8_000); // false, without counting all of it
 * ```
 */
export function createTokenizer(options: TokenizerOptions = {}): Tokenizer {
  checkOptionKeys(options, TOKENIZER_OPTIONS);
  const setup = resolveTokenizerSetup(options);
  return new BpeTokenizer(setup, new BpeEngine(setup.encoding));
}
