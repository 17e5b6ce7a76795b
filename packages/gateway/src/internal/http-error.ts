/** OpenAI's error body: `{ error: { message, type, param, code } }`. */
export interface OpenAIErrorBody {
  readonly error: {
    readonly message: string;
    readonly type: string;
    readonly param: string | null;
    readonly code: string | null;
  };
}

/** An error answered to the client with an HTTP status and an OpenAI-shaped body. */
export class HttpError extends Error {
  readonly status: number;
  readonly type: string;
  readonly param: string | null;
  readonly errorCode: string | null;
  /** Seconds for a `retry-after` header. */
  readonly retryAfter: number | undefined;

  constructor(
    status: number,
    message: string,
    details: {
      type?: string;
      param?: string | null;
      code?: string | null;
      retryAfter?: number;
    } = {},
  ) {
    super(message);
    this.status = status;
    this.type = details.type ?? (status >= 500 ? 'server_error' : 'invalid_request_error');
    this.param = details.param ?? null;
    this.errorCode = details.code ?? null;
    this.retryAfter = details.retryAfter;
  }

  body(): OpenAIErrorBody {
    return {
      error: { message: this.message, type: this.type, param: this.param, code: this.errorCode },
    };
  }
}

/** A 400 naming the bad request field. */
export function invalid(param: string, expected: string): HttpError {
  return new HttpError(400, `Invalid value for '${param}': expected ${expected}.`, {
    param,
    code: 'invalid_value',
  });
}
