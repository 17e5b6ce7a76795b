import { assertString } from './internal/validate.ts';

/** A BPE encoding this package can run exactly. */
export type EncodingName = 'o200k_base' | 'cl100k_base';

/** Every {@link EncodingName}, in a stable order. */
export const ENCODINGS: readonly EncodingName[] = Object.freeze(['o200k_base', 'cl100k_base']);

// Prefixes checked longest first; the OpenAI model list (tiktoken's model.py) is the source.
const MODEL_PREFIXES: readonly (readonly [string, EncodingName])[] = [
  ['gpt-3.5-turbo', 'cl100k_base'],
  ['gpt-35-turbo', 'cl100k_base'],
  ['gpt-4o', 'o200k_base'],
  ['gpt-4.1', 'o200k_base'],
  ['gpt-4.5', 'o200k_base'],
  ['gpt-4', 'cl100k_base'],
  ['gpt-5', 'o200k_base'],
  ['gpt-oss', 'o200k_base'],
  ['chatgpt-4o', 'o200k_base'],
  ['o1', 'o200k_base'],
  ['o3', 'o200k_base'],
  ['o4', 'o200k_base'],
  ['codex-mini', 'o200k_base'],
  ['text-embedding-3', 'cl100k_base'],
  ['text-embedding-ada-002', 'cl100k_base'],
];

/** True when `value` is an {@link EncodingName}. */
export function isEncodingName(value: unknown): value is EncodingName {
  return value === 'o200k_base' || value === 'cl100k_base';
}

/**
 * The encoding an OpenAI model uses, or `undefined` for models without a public tokenizer
 * (Claude, Gemini and others), which get estimates instead. A provider prefix such as
 * `openai/` or `azure/` is ignored.
 *
 * @example
 * ```ts
 * encodingForModel('gpt-4o-mini'); // 'o200k_base'
 * encodingForModel('gpt-4-turbo'); // 'cl100k_base'
 * encodingForModel('claude-sonnet-4'); // undefined
 * ```
 */
export function encodingForModel(model: string): EncodingName | undefined {
  assertString(model, 'model');
  const name = model.toLowerCase().replace(/^[a-z0-9-]+\//, '');
  for (const [prefix, encoding] of MODEL_PREFIXES) {
    if (name.startsWith(prefix)) return encoding;
  }
  return undefined;
}
