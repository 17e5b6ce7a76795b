import type { IncomingMessage } from 'node:http';
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
 * The client's credentials as headers for the host (cache scope, forwarding), or `undefined`
 * when it sent none. The secrets to redact are derived from them only when an error is relayed.
 */
export function credentialHeaders(req: IncomingMessage): Record<string, string> | undefined {
  const { authorization, 'x-api-key': apiKey } = req.headers;
  if (authorization === undefined && typeof apiKey !== 'string') return undefined;
  const headers: Record<string, string> = {};
  if (authorization !== undefined) headers.authorization = authorization;
  if (typeof apiKey === 'string') headers['x-api-key'] = apiKey;
  return headers;
}

/** The secrets in a call's credential headers: each value, without a `Bearer ` prefix. */
export function secretsOf(headers: CallOptions['headers']): string[] {
  if (headers === undefined) return [];
  return Object.values(headers).map((v) => v.replace(/^bearer\s+/i, ''));
}
