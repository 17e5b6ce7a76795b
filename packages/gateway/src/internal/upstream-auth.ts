import type { CallOptions } from '@hotpath/protocol';
import type { Upstream } from './upstreams.ts';

// The one place the gateway knows how a client's key is sent upstream. To be replaced by the
// provider plugins' own auth-header helpers once they export them.

function bearer(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return value.toLowerCase().startsWith('bearer ') ? value.slice(7).trim() : value;
}

/** The client's credential, in the header the upstream expects; nothing when the upstream has its own key. */
export function upstreamHeaders(
  upstream: Upstream,
  headers: CallOptions['headers'],
): { [name: string]: string } | undefined {
  if (upstream.ownKey || headers === undefined) return undefined;
  const key = bearer(headers.authorization) ?? headers['x-api-key'];
  if (key === undefined || key === '') return undefined;
  return upstream.type === 'anthropic' ? { 'x-api-key': key } : { authorization: `Bearer ${key}` };
}
