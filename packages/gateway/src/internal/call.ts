import type { IncomingMessage } from 'node:http';
import type { CallLocals, CallOptions } from '@hotpath/protocol';

/** One client call in flight: its signal, typed locals, credentials and timing. */
export interface Call {
  readonly started: number;
  readonly signal: AbortSignal;
  /** The call's typed per-call locals: the plugins write the cache status and upstream time here. */
  readonly locals: CallLocals;
  readonly options: CallOptions;
  readonly secrets: readonly string[];
}

/** The client's credentials: headers for the host (cache scope, forwarding) and the secrets to redact. */
export function credentials(req: IncomingMessage): {
  headers: Record<string, string> | undefined;
  secrets: string[];
} {
  const { authorization, 'x-api-key': apiKey } = req.headers;
  if (authorization === undefined && typeof apiKey !== 'string')
    return { headers: undefined, secrets: [] };
  const headers: Record<string, string> = {};
  if (authorization !== undefined) headers.authorization = authorization;
  if (typeof apiKey === 'string') headers['x-api-key'] = apiKey;
  const secrets = Object.values(headers).map((v) => v.replace(/^bearer\s+/i, ''));
  return { headers, secrets };
}
