import type { CompletionRequest } from '@hotpath/protocol';

/** Version of the canonical form; bumped whenever the key material changes. */
export const KEY_VERSION = 'v1';

/** Request fields that change the answer; everything else (user, metadata, stream flags, ids) is dropped. */
export const SEMANTIC_FIELDS = [
  'model',
  'messages',
  'tools',
  'toolChoice',
  'responseFormat',
  'temperature',
  'topP',
  'maxTokens',
  'seed',
  'stop',
] as const;

/** Hashes binary and inline-data parts so the key material stays small. */
export type BytesDigest = (bytes: Uint8Array | string) => string;

function normalizeObject(
  value: Record<string, unknown>,
  digest: BytesDigest,
): Record<string, unknown> {
  const keys = Object.keys(value).sort();
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const field = value[key];
    if (field === undefined || typeof field === 'function') continue;
    const inline = key === 'image' && typeof field === 'string' && field.startsWith('data:');
    out[key] = inline ? { $data: digest(field) } : normalize(field, digest);
  }
  return out;
}

/** A copy with object keys sorted, `undefined` dropped and bytes replaced by their digest. */
function normalize(value: unknown, digest: BytesDigest): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Uint8Array) return { $bytes: digest(value) };
  if (Array.isArray(value)) return value.map((item) => normalize(item, digest));
  return normalizeObject(value as Record<string, unknown>, digest);
}

/**
 * Deterministic JSON: object keys sorted, `undefined` dropped, bytes replaced by
 * their digest. Equal values give equal strings whatever their key order. The copy is
 * serialised by the native `JSON.stringify`, faster than concatenating by hand.
 */
export function stringify(value: unknown, digest: BytesDigest): string {
  return JSON.stringify(normalize(value, digest)) ?? 'null';
}

/** The canonical key material of a completion request (semantic fields only). */
export function canonicalRequest(request: CompletionRequest, digest: BytesDigest): string {
  const semantic: Record<string, unknown> = {};
  for (const field of SEMANTIC_FIELDS) semantic[field] = request[field];
  return stringify(semantic, digest);
}
