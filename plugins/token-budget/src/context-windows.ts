/**
 * Context windows (prompt + output tokens) of well-known models, by model-name prefix; the
 * longest matching prefix wins, so `gpt-4o` is not taken for `gpt-4`. Figures from the
 * providers' model pages; override or extend them with the plugin's `contextWindows` option.
 */
export const DEFAULT_CONTEXT_WINDOWS: { readonly [prefix: string]: number } = {
  'gpt-3.5-turbo': 16_385,
  'gpt-4': 8_192,
  'gpt-4-32k': 32_768,
  'gpt-4-turbo': 128_000,
  'gpt-4o': 128_000,
  'gpt-4.1': 1_047_576,
  'gpt-5': 400_000,
  o1: 200_000,
  'o1-mini': 128_000,
  o3: 200_000,
  'o4-mini': 200_000,
  claude: 200_000,
  'gemini-1.5-pro': 2_097_152,
  gemini: 1_048_576,
};

/** Used for models no prefix matches. @default 128000 */
export const DEFAULT_CONTEXT_WINDOW = 128_000;

/**
 * Looks a model's context window up by longest matching prefix (case-insensitive, with a
 * `provider/` prefix ignored), falling back to `fallback`.
 *
 * @example
 * ```ts
 * contextWindowFor('gpt-4o-mini', DEFAULT_CONTEXT_WINDOWS, 8_192); // 128000
 * ```
 */
export function contextWindowFor(
  model: string,
  windows: { readonly [prefix: string]: number },
  fallback: number,
): number {
  const name = model.toLowerCase().replace(/^[a-z0-9-]+\//, '');
  let best = '';
  let found = fallback;
  for (const [prefix, tokens] of Object.entries(windows)) {
    const key = prefix.toLowerCase();
    if (key.length >= best.length && name.startsWith(key)) {
      best = key;
      found = tokens;
    }
  }
  return found;
}
