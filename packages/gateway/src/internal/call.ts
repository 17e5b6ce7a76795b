import { channel } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import type { CallOptions } from '@hotpath/protocol';
import { GATEWAY_CHANNELS } from '../channels.ts';
import type { CallProbe } from './probe-plugin.ts';

const responseChannel = channel(GATEWAY_CHANNELS.response);

/** What `hotpath:gateway:response` publishes for every model call (never the credentials). */
export interface ResponseEvent {
  readonly path: string;
  readonly model: string | undefined;
  readonly status: number;
  readonly stream: boolean;
  readonly cache: string | undefined;
  readonly overheadMs: number | undefined;
}

export function publish(event: ResponseEvent): void {
  if (responseChannel.hasSubscribers) responseChannel.publish(event);
}

/** One client call in flight: its signal, credentials and timing. */
export interface Call {
  readonly started: number;
  readonly signal: AbortSignal;
  readonly probe: CallProbe;
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
