import { canonicalDigest } from '@hotpath/cache';
import type { CallContext } from '@hotpath/protocol';

const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set(['authorization', 'x-api-key']);

/**
 * The tenant scope of a call: the SHA-256 (hex) of the canonical encoding of its `authorization`
 * and `x-api-key` headers, or `''` when the call carries neither. Header names are
 * case-insensitive; every value is kept code unit for code unit, so two credentials that differ
 * anywhere (lone surrogates included) are two tenants. The raw credential is never kept.
 */
export function tenantScope(context: CallContext): string {
  const headers = context.headers;
  if (headers === undefined) return '';
  const parts: [string, string][] = [];
  for (const name of Object.keys(headers)) {
    const lower = name.toLowerCase();
    if (CREDENTIAL_HEADERS.has(lower)) parts.push([lower, String(headers[name])]);
  }
  if (parts.length === 0) return '';
  // Sorted, so the order the headers came in does not matter; both count, so a change of either changes the scope.
  return canonicalDigest(
    parts.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0)),
  );
}
