/** One Anthropic Messages SSE event: its name and its data, which repeats the name as `type`. */
export function anthropicEvent(type: string, body: object): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...body })}\n\n`;
}

/** Every `stop_reason` the Messages API sends. */
export const STOP_REASONS: readonly string[] = [
  'end_turn',
  'max_tokens',
  'stop_sequence',
  'tool_use',
  'pause_turn',
  'refusal',
  'model_context_window_exceeded',
];
