import { BenchArgumentError } from './errors.ts';

/**
 * A task of exactly controllable CPU cost: `iterations` steps of an xorshift
 * generator, whose result is returned so the JIT cannot drop the loop. Twice the
 * iterations cost twice the time, which makes it the synthetic benchmark for the
 * noise probe, the gate proof and tests.
 *
 * @example
 * ```ts
 * const scenario = { name: 'synthetic', tasks: { fast: createSpinTask(1e5), slow: createSpinTask(1.1e5) } };
 * ```
 */
export function createSpinTask(iterations: number): () => number {
  if (!(Number.isInteger(iterations) && iterations > 0)) {
    throw new BenchArgumentError(
      `createSpinTask: "iterations" must be a positive integer, got ${iterations}`,
    );
  }
  return () => {
    let x = 0x9e3779b9 | 0;
    for (let i = 0; i < iterations; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
    }
    return x;
  };
}
