/** The fields of an OpenAI error answer. */
export interface OpenAIErrorFields {
  /** What went wrong, for people. */
  readonly message: string;
  /** `invalid_request_error`, `authentication_error`, `rate_limit_error`, `server_error` … */
  readonly type: string;
  /** The request field at fault, if one is. */
  readonly param: string | null;
  /** A machine-readable code such as `model_not_found`, if there is one. */
  readonly code: string | null;
}

/**
 * OpenAI's error body, `{"error":{"message","type","param","code"}}` (JSON text), as the
 * official clients read it into an `APIError`.
 *
 * @example
 * ```ts
 * res.writeHead(404).end(errorJson({ message: 'no such model', type: 'invalid_request_error', param: 'model', code: 'model_not_found' }));
 * ```
 */
export function errorJson(fields: OpenAIErrorFields): string {
  const { message, type, param, code } = fields;
  return JSON.stringify({ error: { message, type, param, code } });
}

/**
 * The SSE frame that ends a stream which failed after it started: `data: {"error":{…}}` (no
 * `[DONE]` follows), which the official clients raise as an `APIError`.
 */
export function errorEvent(fields: OpenAIErrorFields): string {
  return `data: ${errorJson(fields)}\n\n`;
}
