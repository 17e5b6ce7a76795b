import type { CompletionRequest } from '@hotpath/protocol';

/**
 * The default token estimate of a request: the prompt's characters divided by 4 (text parts as
 * written, other parts as JSON), plus `maxTokens` for the answer. Cheap and deliberately rough;
 * `reconcile` corrects it with the real usage after the call.
 *
 * @example
 * ```ts
 * estimateTokens({ model: 'm', messages: [{ role: 'user', content: 'abcdefgh' }], maxTokens: 10 }); // 12
 * ```
 */
export function estimateTokens(request: CompletionRequest): number {
  let chars = 0;
  for (const message of request.messages) {
    const content: unknown = message.content;
    chars += typeof content === 'string' ? content.length : JSON.stringify(content ?? '').length;
  }
  return Math.ceil(chars / 4) + (request.maxTokens ?? 0);
}
