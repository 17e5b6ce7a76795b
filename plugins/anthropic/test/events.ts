/** One Anthropic Messages SSE event: its name and its data, which repeats the name as `type`. */
export function anthropicEvent(type: string, body: object): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...body })}\n\n`;
}
