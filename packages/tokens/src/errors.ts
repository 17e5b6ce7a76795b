import { HotpathArgumentError, HotpathError, type HotpathErrorOptions } from '@hotpath/protocol';

/** Bad input at the package boundary: names the argument and what was expected. */
export class TokensArgumentError extends HotpathArgumentError {
  /** Always `HOTPATH_TOKENS_INVALID_ARGUMENT`. */
  declare readonly code: 'HOTPATH_TOKENS_INVALID_ARGUMENT';

  /** @param message - the whole message (an unknown option: it names the new spelling or the accepted ones) */
  constructor(message: string);
  /**
   * @param argument - name of the offending argument, for example `options.threads`
   * @param expected - what it should have been, for example `a positive integer`
   */
  constructor(argument: string, expected: string, options?: HotpathErrorOptions);
  constructor(argument: string, expected?: string, options?: HotpathErrorOptions) {
    const message = expected === undefined ? argument : `${argument} must be ${expected}.`;
    super('HOTPATH_TOKENS_INVALID_ARGUMENT', message, options);
  }
}

/** `encode`/`decode` were called for a model whose tokenizer is not public, so ids would be meaningless. */
export class NoPublicTokenizerError extends HotpathError {
  /** The model that has no public tokenizer. */
  readonly model: string;

  constructor(model: string) {
    super(
      'HOTPATH_TOKENS_NO_PUBLIC_TOKENIZER',
      `"${model}" has no public tokenizer, so token ids cannot be produced: use count() or measure() for an estimate, or pass an OpenAI encoding.`,
    );
    this.model = model;
  }
}

/** `truncate` could not fit the messages it must keep into the budget. */
export class TokenBudgetExceededError extends HotpathError {
  /** Tokens the kept messages, tools and reserved output need. */
  readonly required: number;
  /** The budget that was given. */
  readonly budget: number;

  constructor(required: number, budget: number) {
    super(
      'HOTPATH_TOKENS_BUDGET_EXCEEDED',
      `The system messages, the last user turn and the reserved output need ${required} tokens but the budget is ${budget}: raise the budget, lower reserveOutput, or shorten the last user message.`,
    );
    this.required = required;
    this.budget = budget;
  }
}

/** A worker thread died while running a task; the pool replaced it and stays usable. */
export class TokenWorkerCrashedError extends HotpathError {
  constructor(options?: HotpathErrorOptions) {
    super(
      'HOTPATH_TOKENS_WORKER_CRASHED',
      'A token worker thread crashed while running this task; it has been replaced. Retry the call; if it keeps failing, check the worker resource limits.',
      options,
    );
  }
}

/** The worker pool was closed before or while the task ran. */
export class TokenWorkersClosedError extends HotpathError {
  constructor() {
    super(
      'HOTPATH_TOKENS_WORKERS_CLOSED',
      'The token worker pool is closed: create a new one with createTokenWorkers().',
    );
  }
}
