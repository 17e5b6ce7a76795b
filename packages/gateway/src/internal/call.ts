import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { CallLocals, CallOptions } from '@hotpath/protocol';

/** One client call in flight: its signal, typed locals, credentials and timing. */
export interface Call {
  readonly started: number;
  readonly signal: AbortSignal;
  /** The call's typed per-call locals: the plugins write the cache status and upstream time here. */
  readonly locals: CallLocals;
  readonly options: CallOptions;
}

/**
 * The client's credentials as headers for the host (cache scope, forwarding), one frozen object
 * per connection and credential: a keep-alive client sending the same key gets the same object
 * back, so the cache plugin hashes its tenant scope once per connection instead of once per call
 * (a frozen object cannot change its credential). The secrets to redact are derived from them
 * only when an error is relayed.
 */
export class ConnectionCredentials {
  readonly #last = new WeakMap<Socket, Readonly<Record<string, string>>>();

  /** The credential headers of `req`, or `undefined` when it sent none. */
  of(req: IncomingMessage): Readonly<Record<string, string>> | undefined {
    const { authorization, 'x-api-key': header } = req.headers;
    const apiKey = typeof header === 'string' ? header : undefined;
    if (authorization === undefined && apiKey === undefined) return undefined;
    const last = this.#last.get(req.socket);
    if (last !== undefined && last.authorization === authorization && last['x-api-key'] === apiKey)
      return last;
    const headers: Record<string, string> = {};
    if (authorization !== undefined) headers.authorization = authorization;
    if (apiKey !== undefined) headers['x-api-key'] = apiKey;
    this.#last.set(req.socket, Object.freeze(headers));
    return headers;
  }
}

/** The secrets in a call's credential headers: each value, without a `Bearer ` prefix. */
export function secretsOf(headers: CallOptions['headers']): string[] {
  if (headers === undefined) return [];
  return Object.values(headers).map((v) => v.replace(/^bearer\s+/i, ''));
}
