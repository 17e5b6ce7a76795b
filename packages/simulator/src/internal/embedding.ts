import { createPrng, hash32 } from './prng.ts';

const WORD = /[\p{L}\p{N}]+/gu;

function addWordVector(sum: Float64Array, word: string, seed: number): void {
  const prng = createPrng(hash32(word, seed));
  for (let i = 0; i < sum.length; i++) sum[i]! += prng() * 2 - 1;
}

function normalise(sum: Float64Array): number[] {
  let norm = 0;
  for (let i = 0; i < sum.length; i++) norm += sum[i]! * sum[i]!;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  const out = new Array<number>(sum.length);
  for (let i = 0; i < sum.length; i++) out[i] = sum[i]! * scale;
  return out;
}

/**
 * A deterministic unit-length embedding: the normalised sum of one seeded random vector
 * per lower-cased word, so texts that share words point in similar directions (useful
 * for semantic-cache tests) and the same text, model and seed always give the same vector.
 */
export function embedText(text: string, model: string, seed: number, dimensions: number): number[] {
  const space = hash32(model, seed);
  const sum = new Float64Array(dimensions);
  const words = text.toLowerCase().match(WORD) ?? [text];
  for (const word of words) addWordVector(sum, word, space);
  return normalise(sum);
}

/** The little-endian float32 bytes of `vector` in base64, as OpenAI's `encoding_format: "base64"` sends them. */
export function toBase64(vector: readonly number[]): string {
  const bytes = Buffer.allocUnsafe(vector.length * 4);
  for (let i = 0; i < vector.length; i++) bytes.writeFloatLE(vector[i]!, i * 4);
  return bytes.toString('base64');
}

/** Estimated tokens of an embedding input: about one per four characters. */
export function inputTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
