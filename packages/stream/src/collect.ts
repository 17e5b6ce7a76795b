import type { FinishReason, StreamDelta, Usage } from '@hotpath/protocol';

/** A tool call assembled from its fragments. */
export interface CollectedToolCall {
  readonly index: number;
  readonly id: string;
  readonly name: string;
  /** The concatenated argument fragments (JSON text). */
  readonly arguments: string;
}

/** Everything a delta stream said, assembled. */
export interface CollectedStream {
  readonly text: string;
  readonly reasoning: string;
  /** Tool calls ordered by index. */
  readonly toolCalls: readonly CollectedToolCall[];
  readonly usage: Usage | undefined;
  readonly finishReason: FinishReason | undefined;
}

interface ToolParts {
  id: string;
  name: string;
  parts: string[];
}

function addTool(
  tools: Map<number, ToolParts>,
  delta: Extract<StreamDelta, { type: 'tool-call' }>,
): void {
  let tool = tools.get(delta.index);
  if (tool === undefined) {
    tool = { id: '', name: '', parts: [] };
    tools.set(delta.index, tool);
  }
  if (delta.id) tool.id = delta.id;
  if (delta.name) tool.name = delta.name;
  tool.parts.push(delta.argumentsDelta);
}

/**
 * Reads a delta stream to the end and assembles it: text, reasoning, tool calls (fragments
 * joined per `index`), usage and finish reason. Errors of the stream propagate.
 *
 * @param stream - any delta stream
 * @example
 * ```ts
 * const { text, toolCalls, usage } = await collect(decodeAnthropic(res.body!));
 * ```
 */
export async function collect(stream: AsyncIterable<StreamDelta>): Promise<CollectedStream> {
  const text: string[] = [];
  const reasoning: string[] = [];
  const tools = new Map<number, ToolParts>();
  let usage: Usage | undefined;
  let finishReason: FinishReason | undefined;
  for await (const delta of stream) {
    if (delta.type === 'text') text.push(delta.text);
    else if (delta.type === 'reasoning') reasoning.push(delta.text);
    else if (delta.type === 'tool-call') addTool(tools, delta);
    else if (delta.type === 'usage') usage = delta.usage;
    else finishReason = delta.reason;
  }
  const toolCalls = [...tools]
    .sort(([a], [b]) => a - b)
    .map(([index, t]) => ({ index, id: t.id, name: t.name, arguments: t.parts.join('') }));
  return { text: text.join(''), reasoning: reasoning.join(''), toolCalls, usage, finishReason };
}
