// The one place the gateway decides which upstream failures move on to the next upstream. To be
// replaced by the typed predicates of the package that owns the errors once it exports them.

const FALLBACK_CODES: ReadonlySet<string> = new Set([
  'HOTPATH_PROVIDER_UPSTREAM',
  'HOTPATH_PROVIDER_TIMEOUT',
  'HOTPATH_PROVIDER_RATE_LIMITED',
]);

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** True when the next upstream of a route should be tried after `error`: down, 5xx, timeout, or 429 after its retries. */
export function fallsBack(error: unknown): boolean {
  return FALLBACK_CODES.has(codeOf(error) ?? '');
}

/** True for an upstream 429. */
export function isRateLimited(error: unknown): boolean {
  return codeOf(error) === 'HOTPATH_PROVIDER_RATE_LIMITED';
}
