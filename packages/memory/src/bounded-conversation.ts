import type { ChatMessage } from '@hotpath/protocol';
import { MemoryArgumentError } from './errors.ts';
import { CONVERSATION_OPTIONS, checkKeys } from './internal/option-keys.ts';
import { messageBytes } from './message-bytes.ts';

/** Measures one message in the budget's unit (tokens, bytes …). Called once per appended message. */
export type MessageCounter = (message: ChatMessage) => number;

/** A token budget: `count` returns a message's tokens (for example from a real tokenizer). */
export interface TokenBudgetOptions {
  /** Budget, in tokens, for the kept messages. */
  readonly maxTokens: number;
  /** Counts a message's tokens. */
  readonly count: MessageCounter;
  /** Not with `maxTokens`: a conversation has one budget. */
  readonly maxBytes?: never;
}

/** A byte budget: `count` defaults to the UTF-8 size of the message's text ({@link messageBytes}). */
export interface ByteBudgetOptions {
  /** Budget, in bytes, for the kept messages. */
  readonly maxBytes: number;
  /** Counts a message's bytes. @default messageBytes */
  readonly count?: MessageCounter;
  /** Not with `maxBytes`: a conversation has one budget. */
  readonly maxTokens?: never;
}

/** Options for {@link createBoundedConversation}: exactly one of `maxTokens` or `maxBytes`. */
export type BoundedConversationOptions = TokenBudgetOptions | ByteBudgetOptions;

/** A chat history that trims itself to a budget. */
export interface BoundedConversation {
  /** Adds a message at the end, then drops the oldest messages until the history fits. */
  append(message: ChatMessage): void;
  /** The kept messages, in the order they were appended. */
  messages(): ChatMessage[];
  /** Running total of the kept messages, in the budget's unit. */
  readonly total: number;
  /** The budget (`maxTokens` or `maxBytes`). */
  readonly budget: number;
  /** Kept messages. */
  readonly size: number;
  /** Messages dropped so far. */
  readonly dropped: number;
  /** Drops every message, system messages included. */
  clear(): void;
}

interface Entry {
  readonly seq: number;
  readonly message: ChatMessage;
  readonly cost: number;
}

/** Messages dropped together: one message, or an assistant tool call with its tool results. */
interface Unit {
  size: number;
  cost: number;
  readonly callIds: ReadonlySet<string> | undefined;
}

function budgetOf(options: BoundedConversationOptions): { budget: number; count: MessageCounter } {
  const tokens = options?.maxTokens !== undefined;
  if (tokens === (options?.maxBytes !== undefined)) {
    throw new MemoryArgumentError(
      'options',
      'an object with exactly one of maxTokens or maxBytes',
      options,
    );
  }
  const budget = (tokens ? options.maxTokens : options.maxBytes) as number;
  const name = tokens ? 'options.maxTokens' : 'options.maxBytes';
  if (!Number.isFinite(budget) || budget <= 0)
    throw new MemoryArgumentError(name, 'a finite number > 0', budget);
  const count = options.count ?? (tokens ? undefined : messageBytes);
  if (typeof count !== 'function')
    throw new MemoryArgumentError('options.count', 'a function (message) => number', count);
  return { budget, count };
}

function isMessage(value: unknown): value is ChatMessage {
  const role = (value as { role?: unknown } | null)?.role;
  return role === 'system' || role === 'user' || role === 'assistant' || role === 'tool';
}

function callIdsOf(message: ChatMessage): ReadonlySet<string> | undefined {
  if (message.role !== 'assistant' || !message.toolCalls?.length) return undefined;
  return new Set(message.toolCalls.map((call) => call.id));
}

class Conversation implements BoundedConversation {
  readonly budget: number;
  readonly #count: MessageCounter;
  #systems: Entry[] = [];
  // Non-system messages and their drop units, as arrays with a moving head: dropping the oldest is
  // O(1), and the arrays are compacted once the dead prefix outgrows the live part.
  #entries: Entry[] = [];
  #head = 0;
  #units: Unit[] = [];
  #unitHead = 0;
  #total = 0;
  #seq = 0;
  #dropped = 0;

  constructor(budget: number, count: MessageCounter) {
    this.budget = budget;
    this.#count = count;
  }

  get total(): number {
    return this.#total;
  }

  get size(): number {
    return this.#systems.length + this.#entries.length - this.#head;
  }

  get dropped(): number {
    return this.#dropped;
  }

  append(message: ChatMessage): void {
    if (!isMessage(message))
      throw new MemoryArgumentError('message', 'a ChatMessage with a role', message);
    const entry = { seq: this.#seq++, message, cost: this.#measure(message) };
    this.#total += entry.cost;
    if (message.role === 'system') this.#systems.push(entry);
    else this.#addToUnit(entry);
    this.#trim();
  }

  messages(): ChatMessage[] {
    const out: ChatMessage[] = [];
    const systems = this.#systems;
    let s = 0;
    for (let i = this.#head; i < this.#entries.length; i++) {
      const entry = this.#entries[i]!;
      while (s < systems.length && systems[s]!.seq < entry.seq) out.push(systems[s++]!.message);
      out.push(entry.message);
    }
    while (s < systems.length) out.push(systems[s++]!.message);
    return out;
  }

  clear(): void {
    this.#dropped += this.size;
    this.#systems = [];
    this.#entries = [];
    this.#units = [];
    this.#head = this.#unitHead = this.#total = 0;
  }

  #measure(message: ChatMessage): number {
    const cost = this.#count(message);
    if (!Number.isFinite(cost) || cost < 0) {
      throw new MemoryArgumentError('options.count(message)', 'a finite number ≥ 0', cost);
    }
    return cost;
  }

  #addToUnit(entry: Entry): void {
    const { message } = entry;
    const last = this.#units.length > this.#unitHead ? this.#units.at(-1) : undefined;
    const joins = message.role === 'tool' && last?.callIds?.has(message.toolCallId) === true;
    const unit = joins ? last! : { size: 0, cost: 0, callIds: callIdsOf(message) };
    if (!joins) this.#units.push(unit);
    unit.size++;
    unit.cost += entry.cost;
    this.#entries.push(entry);
  }

  #trim(): void {
    // The newest unit always stays, so the newest message is never dropped.
    while (this.#total > this.budget && this.#units.length - this.#unitHead > 1) {
      const unit = this.#units[this.#unitHead++]!;
      this.#head += unit.size;
      this.#total -= unit.cost;
      this.#dropped += unit.size;
    }
    this.#compact();
  }

  #compact(): void {
    if (this.#head > 64 && this.#head * 2 > this.#entries.length) {
      this.#entries = this.#entries.slice(this.#head);
      this.#head = 0;
    }
    if (this.#unitHead > 64 && this.#unitHead * 2 > this.#units.length) {
      this.#units = this.#units.slice(this.#unitHead);
      this.#unitHead = 0;
    }
  }
}

/**
 * Creates a chat history bounded by a token or byte budget. Each append costs O(1) amortised: the
 * counter runs once per message and a running total is kept. When the total exceeds the budget, the
 * oldest non-system messages are dropped until it fits, with three guarantees: system messages are
 * never dropped, an assistant tool call is dropped together with its tool results (never split),
 * and the newest message (with its tool-call group) always stays, even when it alone exceeds the
 * budget; `total` can then be above `budget`.
 *
 * @example
 * ```ts
 * const history = createBoundedConversation({ maxTokens: 8000, count: (m) => countTokens(m) });
 * history.append({ role: 'system', content: 'You are terse.' });
 * history.append({ role: 'user', content: question });
 * await provider.complete({ model, messages: history.messages() });
 * ```
 */
export function createBoundedConversation(
  options: BoundedConversationOptions,
): BoundedConversation {
  checkKeys('options', options, CONVERSATION_OPTIONS);
  const { budget, count } = budgetOf(options);
  return new Conversation(budget, count);
}
