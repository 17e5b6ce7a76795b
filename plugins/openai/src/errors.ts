import { HotpathError } from '@hotpath/protocol';

/** Why a client's OpenAI request was refused, as OpenAI's error `code` says it. */
export type OpenAIRequestProblem = 'invalid_value' | 'unsupported_parameter' | 'nesting_too_deep';

/**
 * A client's OpenAI request body (as `parseChatRequest` / `parseEmbeddingsRequest` read it) has
 * a field that is malformed, that no hotpath provider can honour, or that nests deeper than the
 * limit. `param` names the field the way OpenAI does (`messages[2].content`); `problem` is the
 * OpenAI error code to answer with. A server answers it as a 400.
 */
export class OpenAIRequestError extends HotpathError {
  /** The offending field, for example `tools[0].function.parameters`. */
  readonly param: string;
  /** `invalid_value`, `unsupported_parameter` or `nesting_too_deep`. */
  readonly problem: OpenAIRequestProblem;

  /**
   * @param param - the field, as OpenAI names it
   * @param problem - the OpenAI error code
   * @param message - what was wrong and what to send instead
   */
  constructor(param: string, problem: OpenAIRequestProblem, message: string) {
    super('HOTPATH_OPENAI_INVALID_REQUEST', message);
    this.param = param;
    this.problem = problem;
  }
}

/** A field with the wrong type or range. */
export function invalidValue(param: string, expected: string): OpenAIRequestError {
  return new OpenAIRequestError(
    param,
    'invalid_value',
    `Invalid value for '${param}': expected ${expected}.`,
  );
}

/** A field hotpath cannot honour; `why` says what to do instead. */
export function unsupportedParameter(param: string, why: string): OpenAIRequestError {
  return new OpenAIRequestError(
    param,
    'unsupported_parameter',
    `Unsupported parameter '${param}': ${why}`,
  );
}
