import { HotpathArgumentError, HotpathError } from '@hotpath/protocol';

/**
 * Bad options given to `tokenBudgetPlugin()`. A `TypeError` with the stable code
 * `HOTPATH_TOKEN_BUDGET_INVALID_ARGUMENT`; the message names the option.
 */
export class TokenBudgetArgumentError extends HotpathArgumentError {
  /** Always `HOTPATH_TOKEN_BUDGET_INVALID_ARGUMENT`. */
  declare readonly code: 'HOTPATH_TOKEN_BUDGET_INVALID_ARGUMENT';

  /** @param message - the whole message (an unknown option: it names the new spelling or the accepted ones) */
  constructor(message: string);
  /**
   * @param argument - the option's name, for example `options.strategy`
   * @param expected - what was expected
   */
  constructor(argument: string, expected: string);
  constructor(argument: string, expected?: string) {
    const problem = expected === undefined ? argument : `${argument} must be ${expected}.`;
    super('HOTPATH_TOKEN_BUDGET_INVALID_ARGUMENT', `tokenBudgetPlugin(): ${problem}`);
  }
}

/**
 * A request that cannot fit the model's context window even after truncation: its system
 * messages, last user turn, tools and reserved output alone are too many tokens. No request
 * was sent upstream. `cause` is the `TokenBudgetExceededError` of `@hotpath/tokens`.
 */
export class TokenBudgetRequestTooLargeError extends HotpathError {
  /** The requested model. */
  readonly model: string;
  /** Tokens the messages that must be kept, plus the reserved output, need. */
  readonly required: number;
  /** The model's context window. */
  readonly contextWindow: number;
  /** Tokens reserved for the answer. */
  readonly reservedOutput: number;

  /**
   * @param details - model, tokens required, context window and reserved output
   * @param cause - the tokens package's error
   */
  constructor(
    details: { model: string; required: number; contextWindow: number; reservedOutput: number },
    cause: unknown,
  ) {
    super(
      'HOTPATH_TOKEN_BUDGET_REQUEST_TOO_LARGE',
      `The request to ${details.model} needs ${details.required} tokens (system messages, last user turn and ${details.reservedOutput} reserved output tokens) but its context window is ${details.contextWindow}: shorten the last user message, lower maxTokens or reserveOutput, or use a model with a larger window.`,
      { cause },
    );
    this.model = details.model;
    this.required = details.required;
    this.contextWindow = details.contextWindow;
    this.reservedOutput = details.reservedOutput;
  }
}
