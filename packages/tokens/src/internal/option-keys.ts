import { checkKnownKeys, type KnownKeys, knownKeys } from '@hotpath/protocol';
import { TokensArgumentError } from '../errors.ts';
import type { TokenWorkersOptions } from '../token-workers-api.ts';
import type { TokenizerOptions } from '../tokenizer.ts';

/** The keys of {@link TokenizerOptions}. */
export const TOKENIZER_OPTIONS: KnownKeys = knownKeys<TokenizerOptions>({
  model: true,
  encoding: true,
  imageTokens: true,
});

/** The keys of {@link TokenWorkersOptions}. */
export const TOKEN_WORKERS_OPTIONS: KnownKeys = knownKeys<TokenWorkersOptions>({
  model: true,
  encoding: true,
  imageTokens: true,
  threads: true,
  idleTimeoutMs: true,
  inlineThreshold: true,
  hashInlineThreshold: true,
  batchChars: true,
});

/**
 * Rejects an options object with a key `known` does not list, naming the new spelling of an
 * old one (`idleTimeout` → `idleTimeoutMs`). Runs once per tokenizer or pool, never per call.
 */
export function checkOptionKeys(options: unknown, known: KnownKeys): void {
  if (typeof options !== 'object' || options === null)
    throw new TokensArgumentError('options', 'an object');
  checkKnownKeys(options, known, 'options', (message) => new TokensArgumentError(message));
}
