import type { StreamDelta } from '@hotpath/protocol';
import type { DeltaStream } from './delta-stream.ts';
import { StreamAbortedError, StreamArgumentError } from './errors.ts';
import { Operator } from './internal/operator.ts';
import { BUDGET_OPTIONS, checkKeys } from './internal/option-keys.ts';
import { Upstream } from './internal/upstream.ts';

/** Options of {@link budget}. */
export interface BudgetOptions {
  /** Most output tokens to let through. */
  readonly maxOutputTokens: number;
  /**
   * Tokens in one piece of output text (text, reasoning, tool name and arguments).
   * Summed per delta, so pass a real tokenizer's count for exact budgets.
   * @default (text) => text.length / 4
   */
  readonly count?: (text: string) => number;
  /** Input tokens to report in the partial usage when the budget stops the stream. @default 0 */
  readonly inputTokens?: number;
}

function estimate(text: string): number {
  return text.length / 4;
}

function outputText(delta: StreamDelta): string | undefined {
  if (delta.type === 'text' || delta.type === 'reasoning') return delta.text;
  if (delta.type === 'tool-call') return (delta.name ?? '') + delta.argumentsDelta;
  return undefined;
}

class Budget extends Operator {
  readonly #up: Upstream;
  readonly #max: number;
  readonly #count: (text: string) => number;
  readonly #input: number;
  #used = 0;
  #tail: StreamDelta[] = [];
  #stopped = false;

  constructor(up: Upstream, options: BudgetOptions) {
    super(up);
    this.#up = up;
    this.#max = options.maxOutputTokens;
    this.#count = options.count ?? estimate;
    this.#input = options.inputTokens ?? 0;
  }

  readBuffered(): StreamDelta | undefined {
    if (this.#tail.length > 0) return this.#tail.shift();
    if (this.#stopped) return undefined;
    const delta = this.#up.readBuffered();
    return delta === undefined ? undefined : this.#admit(delta);
  }

  wait(): Promise<boolean> {
    if (this.#tail.length > 0) return Promise.resolve(true);
    if (this.#stopped) return Promise.resolve(false);
    return this.#up.wait();
  }

  protected stopped(): void {
    this.#stopped = true;
    this.#tail.length = 0;
  }

  /** Passes `delta` through, or stops the stream when it would exceed the budget. */
  #admit(delta: StreamDelta): StreamDelta | undefined {
    const text = outputText(delta);
    if (text === undefined) return delta;
    const cost = this.#cost(text);
    if (this.#used + cost <= this.#max) {
      this.#used += cost;
      return delta;
    }
    this.#stop();
    return this.#tail.shift();
  }

  /**
   * What `count(text)` says, checked: a count that throws or is not a number ≥ 0 fails the
   * stream and aborts the upstream (a NaN would end it as if over budget, a negative one
   * would let output past the budget).
   */
  #cost(text: string): number {
    let cost: unknown;
    try {
      cost = this.#count(text);
    } catch (error) {
      this.#fail(error);
    }
    if (typeof cost === 'number' && cost >= 0) return cost;
    return this.#fail(
      new StreamArgumentError(
        `budget: options.count returned ${String(cost)}; it must return a number of tokens ≥ 0`,
      ),
    );
  }

  #fail(error: unknown): never {
    this.stopped();
    this.#up.abort(error);
    throw error;
  }

  #stop(): void {
    this.#stopped = true;
    this.#up.abort(new StreamAbortedError());
    const usage = { inputTokens: this.#input, outputTokens: Math.ceil(this.#used) };
    this.#tail.push({ type: 'usage', usage }, { type: 'finish', reason: 'length' });
  }
}

/**
 * Lets output through until `maxOutputTokens` would be exceeded, then aborts the upstream
 * request (the provider stops generating) and ends the stream cleanly with the partial
 * usage and `finish: 'length'`. A delta that would cross the budget is not emitted, so the
 * output never exceeds it. When the upstream finishes first, everything (including its
 * own usage) passes through unchanged.
 *
 * @param stream - any delta stream
 * @example
 * ```ts
 * for await (const d of budget(decodeOpenAI(body, { upstream }), { maxOutputTokens: 200 })) …
 * ```
 */
export function budget(stream: AsyncIterable<StreamDelta>, options: BudgetOptions): DeltaStream {
  const max = options?.maxOutputTokens;
  if (typeof max !== 'number' || !(max >= 0)) {
    throw new StreamArgumentError('budget: options.maxOutputTokens must be a non-negative number');
  }
  checkKeys('budget', options, BUDGET_OPTIONS);
  if (options.count !== undefined && typeof options.count !== 'function') {
    throw new StreamArgumentError('budget: options.count must be a function (text) => tokens');
  }
  return new Budget(new Upstream(stream, 'budget'), options);
}
