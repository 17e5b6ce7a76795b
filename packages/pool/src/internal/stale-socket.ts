/**
 * How a request written to a keep-alive socket that the server had already closed fails,
 * depending on which side of the race the bytes landed: the kernel's reset when the request
 * reached a closed port (ECONNRESET on read, EPIPE on write, ECONNABORTED on Windows), or
 * undici's own socket error when the close arrived as a FIN first ("other side closed",
 * "closed"). Timeouts, aborts and protocol errors are not in the list: they say nothing
 * about whether the server saw the request.
 */
const STALE_SOCKET_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
]);

/** True when `error` is one of the ways a closed keep-alive socket fails a request. */
export function isSocketClosedError(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && STALE_SOCKET_CODES.has(code);
}
