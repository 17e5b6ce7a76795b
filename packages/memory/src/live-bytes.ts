/**
 * The reading leak detection follows by default: memory held by live JS objects (`heapUsed`)
 * plus memory they hold outside the JS heap (`external`: Buffers' and ArrayBuffers' backing
 * stores, which `process.memoryUsage().arrayBuffers` breaks out, and other native memory bound to
 * JS objects). A leak of Buffers retains a few dozen bytes of heap per Buffer and all of its bytes
 * outside it, so a heap-only reading barely sees it.
 *
 * @example
 * ```ts
 * await detectLeak(handler, { sample: () => liveBytes() - cacheBytes() });
 * ```
 */
export function liveBytes(): number {
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
}
