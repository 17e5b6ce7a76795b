import type { FinishReason, Usage } from './completion.ts';

/** A piece of visible answer text. */
export interface TextDelta {
  readonly type: 'text';
  readonly text: string;
}

/** A piece of reasoning text. */
export interface ReasoningDelta {
  readonly type: 'reasoning';
  readonly text: string;
}

/**
 * A fragment of a tool call. Fragments with the same `index` belong to one call:
 * the first carries `id` and `name`, every fragment may append to the arguments.
 */
export interface ToolCallDelta {
  readonly type: 'tool-call';
  readonly index: number;
  readonly id?: string;
  readonly name?: string;
  readonly argumentsDelta: string;
}

/** Token usage, usually once near the end of a stream. */
export interface UsageDelta {
  readonly type: 'usage';
  readonly usage: Usage;
}

/** The stream's last delta: why generation ended. */
export interface FinishDelta {
  readonly type: 'finish';
  readonly reason: FinishReason;
}

/** One event of a streamed completion, the same for every provider. */
export type StreamDelta = TextDelta | ReasoningDelta | ToolCallDelta | UsageDelta | FinishDelta;
