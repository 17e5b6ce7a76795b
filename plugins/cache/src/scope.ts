import { hash } from 'node:crypto';
import type { CallContext } from '@hotpath/protocol';

const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set(['authorization', 'x-api-key']);

/**
 * The tenant scope of a call: the SHA-256 (hex) of its `authorization` or `x-api-key`
 * header, or `''` when the call carries neither. The raw credential is never kept.
 */
export function tenantScope(context: CallContext): string {
  const headers = context.headers;
  if (headers === undefined) return '';
  const parts: string[] = [];
  for (const name of Object.keys(headers)) {
    // Header names are case-insensitive; both headers count, so a change of either changes the scope.
    const lower = name.toLowerCase();
    if (CREDENTIAL_HEADERS.has(lower)) parts.push(`${lower}:${headers[name]}`);
  }
  if (parts.length === 0) return '';
  return hash('sha256', parts.length === 1 ? parts[0]! : parts.sort().join('\n'), 'hex');
}
