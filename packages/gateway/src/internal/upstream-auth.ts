import type { CallOptions } from '@hotpath/protocol';
import type { Upstream } from './upstreams.ts';

function bearer(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return value.toLowerCase().startsWith('bearer ') ? value.slice(7).trim() : value;
}

/**
 * The client's credential (`Authorization: Bearer …` or `x-api-key`) in the header the
 * upstream's dialect carries keys in; nothing when the upstream has its own key.
 */
export function upstreamHeaders(
  upstream: Upstream,
  headers: CallOptions['headers'],
): { [name: string]: string } | undefined {
  if (upstream.ownKey || headers === undefined) return undefined;
  const key = bearer(headers.authorization) ?? headers['x-api-key'];
  if (key === undefined || key === '') return undefined;
  return upstream.dialect.authHeaders(key);
}
