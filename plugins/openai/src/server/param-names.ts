/** `CompletionRequest` fields whose OpenAI parameter is spelled differently. */
const PARAMS: { readonly [field: string]: string } = {
  topP: 'top_p',
  maxTokens: 'max_tokens',
  toolChoice: 'tool_choice',
  parallelToolCalls: 'parallel_tool_calls',
  responseFormat: 'response_format',
  presencePenalty: 'presence_penalty',
  frequencyPenalty: 'frequency_penalty',
  'tools.strict': 'tools[].function.strict',
};

/**
 * The OpenAI parameter a `CompletionRequest` field came from, for an error a client reads:
 * `presencePenalty` → `presence_penalty`, `providerOptions.openai.reasoning_effort` →
 * `reasoning_effort`; a field spelled alike (`seed`, `user`) is returned as it is.
 *
 * @example
 * ```ts
 * openaiParam(error.parameter); // 'presence_penalty'
 * ```
 */
export function openaiParam(field: string): string {
  if (field.startsWith('providerOptions.')) return field.split('.').slice(2).join('.') || field;
  return Object.hasOwn(PARAMS, field) ? (PARAMS[field] as string) : field;
}
