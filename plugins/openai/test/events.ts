/** One OpenAI `chat.completion.chunk` SSE event, with the members OpenAI sends around `choices`. */
export function openAIEvent(choice: object | null, extra: object = {}): string {
  const chunk = {
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'gpt-4o-mini',
    choices: choice === null ? [] : [{ index: 0, logprobs: null, finish_reason: null, ...choice }],
    ...extra,
  };
  return `data: ${JSON.stringify(chunk)}\n\n`;
}
