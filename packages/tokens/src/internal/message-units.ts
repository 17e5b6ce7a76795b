import type { ChatMessage } from '@hotpath/protocol';

/**
 * Messages that are kept or dropped together: a single message, or an assistant message
 * with tool calls plus every tool message answering one of those calls.
 */
export interface Unit {
  /** Indexes into the history, ascending. */
  readonly indexes: number[];
  pinned: boolean;
}

function lastUserIndex(messages: readonly ChatMessage[]): number {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]!.role === 'user') return i;
  return messages.length;
}

/**
 * Groups `messages` into units in one pass, without counting anything. System messages, the
 * last user message and everything after it (the turn in progress) are pinned; a tool-call
 * group is pinned when any of its messages is.
 */
export function groupUnits(messages: readonly ChatMessage[]): Unit[] {
  const tail = lastUserIndex(messages);
  const units: Unit[] = [];
  const byCallId = new Map<string, Unit>();
  messages.forEach((message, index) => {
    const pinned = message.role === 'system' || index >= tail;
    const owner = message.role === 'tool' ? byCallId.get(message.toolCallId) : undefined;
    if (owner) {
      owner.indexes.push(index);
      owner.pinned ||= pinned;
      return;
    }
    const unit: Unit = { indexes: [index], pinned };
    units.push(unit);
    if (message.role === 'assistant') {
      for (const call of message.toolCalls ?? []) byCallId.set(call.id, unit);
    }
  });
  return units;
}

/** Droppable units in the order they should go: oldest first, or from the middle outwards. */
export function dropOrder(units: readonly Unit[], strategy: 'oldest-first' | 'middle-out'): Unit[] {
  const droppable = units.filter((unit) => !unit.pinned);
  if (strategy === 'oldest-first') return droppable;
  const order: Unit[] = [];
  const middle = (droppable.length - 1) >> 1;
  for (let step = 0; order.length < droppable.length; step++) {
    const left = middle - step;
    const right = middle + step + 1;
    if (left >= 0) order.push(droppable[left]!);
    if (right < droppable.length) order.push(droppable[right]!);
  }
  return order;
}
