import { channel } from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';
import { createHttpPool, type HttpPool } from '@hotpath/pool';
import { describeValue, type KnownKeys, knownKeys } from '@hotpath/protocol';
import type { Dispatcher } from 'undici';
import { PROVIDER_CHANNELS } from './channels.ts';
import { mapHttpError, mapTransportError } from './error-mapping.ts';
import { assertOptionsObject, ProviderArgumentError, ProviderUpstreamError } from './errors.ts';
import { parseRateLimitHeaders, type RateLimitInfo } from './rate-limit-headers.ts';

const requestChannel = channel(PROVIDER_CHANNELS.request);
/** How much of an error body is read (for its message) before the rest is dropped. */
export const MAX_ERROR_BODY: number = 64 * 1024;

/** Options for {@link createJsonTransport}. */
export interface JsonTransportOptions {
  /** Provider name used in errors and events. */
  readonly provider: string;
  /** Base URL, for example `https://api.openai.com/v1`. */
  readonly baseURL: string;
  /** Headers sent with every request (authentication goes here). */
  readonly headers: { readonly [name: string]: string };
  /** Values that must never appear in errors or events (API keys). */
  readonly secrets: readonly string[];
  /** A shared pool; the transport creates and owns one when omitted. */
  readonly pool?: HttpPool | undefined;
}

const JSON_TRANSPORT_OPTIONS: KnownKeys = knownKeys<JsonTransportOptions>({
  provider: true,
  baseURL: true,
  headers: true,
  secrets: true,
  pool: true,
});

/** Per-request options. */
export interface SendOptions {
  readonly signal?: AbortSignal | undefined;
  readonly headers?: { readonly [name: string]: string } | undefined;
}

/** A successful response whose body is still unread. */
export interface OpenResponse {
  readonly status: number;
  readonly headers: Dispatcher.ResponseData<unknown>['headers'];
  readonly body: Dispatcher.ResponseData<unknown>['body'];
  readonly rateLimit: RateLimitInfo | undefined;
  /** `performance.now()` when the request was sent. */
  readonly sentAt: number;
}

/** Sends JSON to one provider over a keep-alive pool and maps failures to typed errors. */
export interface JsonTransport extends AsyncDisposable {
  /** POSTs `body` and resolves once a 2xx response's headers arrived. */
  post(path: string, body: unknown, options?: SendOptions): Promise<OpenResponse>;
  /** POSTs `body` and parses the JSON answer. */
  postJson<T>(
    path: string,
    body: unknown,
    options?: SendOptions,
  ): Promise<{ data: T; response: OpenResponse }>;
  close(): Promise<void>;
}

/** A 2xx response; rate-limit headers are parsed on first read, as most calls never look. */
class Opened implements OpenResponse {
  readonly status: number;
  readonly headers: OpenResponse['headers'];
  readonly body: OpenResponse['body'];
  readonly sentAt: number;
  #rateLimit: RateLimitInfo | undefined | null = null;

  constructor(response: Dispatcher.ResponseData<unknown>, sentAt: number) {
    this.status = response.statusCode;
    this.headers = response.headers;
    this.body = response.body;
    this.sentAt = sentAt;
  }

  get rateLimit(): RateLimitInfo | undefined {
    if (this.#rateLimit === null) this.#rateLimit = parseRateLimitHeaders(this.headers);
    return this.#rateLimit;
  }
}

class Transport implements JsonTransport {
  readonly #options: JsonTransportOptions;
  readonly #pool: HttpPool;
  readonly #ownsPool: boolean;
  readonly #base: string;
  /** The headers of a call without per-call headers, built once. */
  readonly #headers: { readonly [name: string]: string };

  constructor(options: JsonTransportOptions) {
    this.#options = options;
    this.#pool = options.pool ?? createHttpPool();
    this.#ownsPool = options.pool === undefined;
    this.#base = options.baseURL.replace(/\/+$/, '');
    this.#headers = { ...options.headers, 'content-type': 'application/json' };
  }

  async post(path: string, body: unknown, options?: SendOptions): Promise<OpenResponse> {
    const { provider, secrets } = this.#options;
    const sentAt = performance.now();
    let response: Dispatcher.ResponseData<unknown>;
    try {
      response = await this.#pool.request(`${this.#base}${path}`, {
        method: 'POST',
        headers:
          options?.headers === undefined
            ? this.#headers
            : { ...this.#options.headers, ...options.headers, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: options?.signal ?? null,
      });
    } catch (error) {
      throw mapTransportError(provider, error, options?.signal);
    }
    const { statusCode: status, headers } = response;
    if (requestChannel.hasSubscribers) {
      requestChannel.publish({ provider, path, status, ttfbMs: performance.now() - sentAt });
    }
    if (status < 200 || status >= 300) {
      throw mapHttpError(provider, status, headers, await readCapped(response.body), secrets);
    }
    return new Opened(response, sentAt);
  }

  async postJson<T>(
    path: string,
    body: unknown,
    options?: SendOptions,
  ): Promise<{ data: T; response: OpenResponse }> {
    const response = await this.post(path, body, options);
    let text: string;
    try {
      text = await response.body.text();
    } catch (error) {
      throw mapTransportError(this.#options.provider, error, options?.signal);
    }
    try {
      return { data: JSON.parse(text) as T, response };
    } catch (cause) {
      throw new ProviderUpstreamError({
        provider: this.#options.provider,
        status: response.status,
        upstreamMessage: 'the response body is not valid JSON',
        cause,
      });
    }
  }

  close(): Promise<void> {
    return this.#ownsPool ? this.#pool.close() : Promise.resolve();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

async function readCapped(body: Dispatcher.ResponseData<unknown>['body']): Promise<string> {
  // One streaming decoder: a character whose bytes span two chunks stays whole.
  const decoder = new TextDecoder();
  let text = '';
  try {
    for await (const chunk of body) {
      text += decoder.decode(chunk as Uint8Array, { stream: true });
      if (text.length > MAX_ERROR_BODY) break;
    }
  } catch {
    // A broken error body still leaves the status to classify by.
  }
  body.destroy();
  return text + decoder.decode();
}

/**
 * Creates the HTTP layer of a provider: JSON over a pooled keep-alive
 * connection, with upstream errors mapped to stable codes and secrets redacted.
 */
export function createJsonTransport(options: JsonTransportOptions): JsonTransport {
  assertOptionsObject('createJsonTransport', options, JSON_TRANSPORT_OPTIONS);
  if (typeof options.baseURL !== 'string' || !/^https?:\/\//.test(options.baseURL)) {
    throw new ProviderArgumentError(
      `\`baseURL\` must be an http(s) URL, got ${describeValue(options.baseURL)}`,
    );
  }
  checkTransportFields(options);
  return new Transport(options);
}

/**
 * The fields every request reads: a wrong kind would otherwise surface as a bare `TypeError`
 * only once an error response has to be redacted (`secrets: null`), or never (a numeric header).
 */
function checkTransportFields(options: JsonTransportOptions): void {
  const fail = (field: string, expected: string, value: unknown): never => {
    throw new ProviderArgumentError(
      `createJsonTransport(options.${field}): expected ${expected}, got ${describeValue(value)}`,
    );
  };
  if (typeof options.provider !== 'string' || options.provider === '')
    fail('provider', 'a non-empty string', options.provider);
  const headers: unknown = options.headers;
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers))
    fail('headers', 'an object of header names to strings', headers);
  for (const [name, value] of Object.entries(headers as object))
    if (typeof value !== 'string') fail(`headers.${name}`, 'a string', value);
  const secrets: unknown = options.secrets;
  if (!Array.isArray(secrets) || !secrets.every((secret) => typeof secret === 'string'))
    fail('secrets', 'an array of strings', secrets);
}
