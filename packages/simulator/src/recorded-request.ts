import type { RouteName } from './stats.ts';

/** One HTTP request the simulator received, as kept in {@link Simulator.requests}. */
export interface RecordedRequest {
  /** Arrival number, from 1 when the simulator started; it keeps counting after `clearRequests()`. */
  readonly seq: number;
  /** The route that served it (`'unknown'` for a path the simulator does not serve). */
  readonly route: RouteName;
  /** HTTP method, e.g. `'POST'`. */
  readonly method: string;
  /** Path without the query string, e.g. `'/v1/chat/completions'`. */
  readonly path: string;
  /** Query string without the `?`, or `''`. */
  readonly query: string;
  /**
   * Request headers by lower-case name (repeated headers joined with `', '`). Credentials —
   * `authorization`, `proxy-authorization`, `x-api-key`, `api-key`, `x-goog-api-key`, `cookie` —
   * are kept as `'[redacted]'`, so a test can check that one was sent without the log holding it.
   */
  readonly headers: Readonly<Record<string, string>>;
  /**
   * The JSON body as parsed; `undefined` while it is still arriving, for a request without a
   * body, and for one that was not valid JSON or was over the size limit (it got a 400 or 413).
   */
  readonly body: unknown;
}

/** Header names whose values {@link RecordedRequest.headers} never holds. */
export const CREDENTIAL_HEADERS: readonly string[] = [
  'authorization',
  'proxy-authorization',
  'x-api-key',
  'api-key',
  'x-goog-api-key',
  'cookie',
];
