import type { CompletionRequest } from '@hotpath/protocol';

/** Version of the canonical form; bumped whenever the key material changes. */
export const KEY_VERSION = 'v1';

/** Request fields that change the answer; everything else (user, metadata, stream flags, ids) is dropped. */
const SEMANTIC_FIELDS = [
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

function stringifyArray(values: readonly unknown[], digest: BytesDigest): string {
  let out = '[';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += ',';
    out += stringify(values[i] ?? null, digest);
  }
  return `${out}]`;
}

function stringifyObject(value: Record<string, unknown>, digest: BytesDigest): string {
  const keys = Object.keys(value).sort();
  let out = '{';
  for (const key of keys) {
    const field = value[key];
    if (field === undefined || typeof field === 'function') continue;
    if (out.length > 1) out += ',';
    const hashed = key === 'image' && typeof field === 'string' && field.startsWith('data:');
    out += `${JSON.stringify(key)}:${hashed ? `{"$data":"${digest(field)}"}` : stringify(field, digest)}`;
  }
  return `${out}}`;
}

/**
 * Deterministic JSON: object keys sorted, `undefined` dropped, bytes replaced by
 * their digest. Equal values give equal strings whatever their key order.
 */
export function stringify(value: unknown, digest: BytesDigest): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (value instanceof Uint8Array) return `{"$bytes":"${digest(value)}"}`;
  if (Array.isArray(value)) return stringifyArray(value, digest);
  return stringifyObject(value as Record<string, unknown>, digest);
}

/** The canonical key material of a completion request (semantic fields only). */
export function canonicalRequest(request: CompletionRequest, digest: BytesDigest): string {
  const semantic: Record<string, unknown> = {};
  for (const field of SEMANTIC_FIELDS) semantic[field] = request[field];
  return stringify(semantic, digest);
}
