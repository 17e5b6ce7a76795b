import { errorEvent, errorJson, type OpenAIErrorFields } from '@hotpath/plugin-openai/server';

/** An error answered to the client with an HTTP status and an OpenAI-shaped body. */
export class HttpError extends Error {
  readonly status: number;
  readonly type: string;
  readonly param: string | null;
  readonly errorCode: string | null;
  /** Seconds for a `retry-after` header. */
  readonly retryAfter: number | undefined;
  /** The `allow` header of a 405: the methods the path takes. */
  readonly allow: string | undefined;

  constructor(
    status: number,
    message: string,
    details: {
      type?: string;
      param?: string | null;
      code?: string | null;
      retryAfter?: number;
      allow?: string;
    } = {},
  ) {
    super(message);
    this.status = status;
    this.type = details.type ?? (status >= 500 ? 'server_error' : 'invalid_request_error');
    this.param = details.param ?? null;
    this.errorCode = details.code ?? null;
    this.retryAfter = details.retryAfter;
    this.allow = details.allow;
  }

  /** The fields of OpenAI's error body. */
  fields(): OpenAIErrorFields {
    return { message: this.message, type: this.type, param: this.param, code: this.errorCode };
  }

  /** OpenAI's error body, as JSON text. */
  json(): string {
    return errorJson(this.fields());
  }

  /** The SSE frame ending a stream that failed after it started. */
  event(): string {
    return errorEvent(this.fields());
  }
}
