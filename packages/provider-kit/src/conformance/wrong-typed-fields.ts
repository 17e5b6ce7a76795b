import assert from 'node:assert/strict';
import type { CompletionResult, EmbeddingResult, StreamDelta, Usage } from '@hotpath/protocol';
import { isHotpathError } from '@hotpath/protocol';
import type { ProviderDialect } from '../dialect.ts';

/** A path into a JSON value: object keys and array indexes. */
export type FieldPath = readonly (string | number)[];

/** Valid answers of one dialect, each with every field its mapping reads present. */
export interface WrongTypedTarget {
  /** The dialect under test. */
  readonly dialect: ProviderDialect;
  /** A valid streamed answer: the JSON payload of each event (SSE `data`, NDJSON line), in order. */
  readonly events: readonly unknown[];
  /** Writes payloads as the body text of a stream, for example `data: …\n\n` per event. */
  frame(events: readonly unknown[]): string;
  /** A valid non-streaming chat answer. */
  readonly answer: unknown;
  /** A valid embeddings answer, when the dialect has embeddings. */
  readonly embeddings?: unknown;
}

/** Which of a {@link WrongTypedTarget}'s samples a field is in. */
export type WrongTypedSample = 'events' | 'answer' | 'embeddings';

/** Every path in `value`, inner nodes included (an object, an array, each member, each leaf). */
export function fieldPaths(value: unknown, at: FieldPath = []): FieldPath[] {
  const paths: FieldPath[] = at.length === 0 ? [] : [at];
  if (typeof value !== 'object' || value === null) return paths;
  for (const [key, member] of Object.entries(value)) {
    paths.push(...fieldPaths(member, [...at, Array.isArray(value) ? Number(key) : key]));
  }
  return paths;
}

function substituted(value: unknown, path: FieldPath, replacement: unknown): unknown {
  const copy = structuredClone(value);
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = replacement;
  return copy;
}

const COUNT = (n: unknown): boolean => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
const FINISH = new Set(['stop', 'length', 'tool_calls', 'content_filter', 'error', 'other']);
const optional = (value: unknown, type: string): boolean =>
  value === undefined || typeof value === type;

function assertUsage(usage: Usage): void {
  assert.ok(COUNT(usage.inputTokens) && COUNT(usage.outputTokens), 'usage counts');
  for (const key of ['cachedInputTokens', 'cacheWriteInputTokens', 'reasoningTokens'] as const)
    assert.ok(usage[key] === undefined || COUNT(usage[key]), `usage.${key}`);
}

/** Throws unless `delta` is one of `StreamDelta`'s shapes with every field of its type. */
export function assertWellTypedDelta(delta: StreamDelta): void {
  if (delta.type === 'text' || delta.type === 'reasoning')
    assert.equal(typeof delta.text, 'string', `${delta.type} delta text`);
  else if (delta.type === 'tool-call') {
    assert.ok(COUNT(delta.index), 'tool-call index');
    assert.ok(optional(delta.id, 'string') && optional(delta.name, 'string'), 'tool-call id, name');
    assert.equal(typeof delta.argumentsDelta, 'string', 'tool-call argumentsDelta');
  } else if (delta.type === 'usage') assertUsage(delta.usage);
  else if (delta.type === 'finish') assert.ok(FINISH.has(delta.reason), 'finish reason');
  else assert.fail(`unknown delta ${JSON.stringify(delta)}`);
}

/** Throws unless `result` is a `CompletionResult` with every field of its type. */
export function assertWellTypedResult(result: CompletionResult): void {
  assert.ok(optional(result.id, 'string') && typeof result.model === 'string', 'id, model');
  const { message } = result;
  assert.equal(message.role, 'assistant');
  assert.equal(typeof message.content, 'string', 'content');
  assert.ok(optional(message.reasoning, 'string'), 'reasoning');
  for (const call of message.toolCalls ?? [])
    for (const key of ['id', 'name', 'arguments'] as const)
      assert.equal(typeof call[key], 'string', `tool call ${key}`);
  assertUsage(result.usage);
  assert.ok(FINISH.has(result.finishReason), 'finish reason');
}

function assertWellTypedEmbeddings(result: EmbeddingResult): void {
  assert.equal(typeof result.model, 'string', 'model');
  assert.ok(COUNT(result.usage.inputTokens), 'usage.inputTokens');
  for (const vector of result.embeddings) {
    assert.ok(vector instanceof Float32Array, 'vector');
    assert.ok(vector.every(Number.isFinite), 'finite components');
  }
}

/** A stream's typed failure, or the upstream error a whole answer's mapping reports. */
function assertTypedFailure(error: unknown, prefix: string): void {
  if (isHotpathError(error) && error.code.startsWith(prefix)) return;
  throw error;
}

async function* body(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}

/**
 * Substitutes `replacement` for the field at `path` of one of `target`'s valid samples and maps
 * it: the stream must decode to well-typed deltas or fail with a `HOTPATH_STREAM_*` error; a
 * whole answer (chat or embeddings) must map to a well-typed result or throw
 * `HOTPATH_PROVIDER_UPSTREAM`. Never a result holding a value of the wrong type. Drive it with
 * a property-test library over {@link fieldPaths} of the sample and any JSON value.
 *
 * @example
 * ```ts
 * await assertWrongTypedFieldRefused(target, 'events', [2, 'delta', 'text'], 5);
 * ```
 */
export async function assertWrongTypedFieldRefused(
  target: WrongTypedTarget,
  sample: WrongTypedSample,
  path: FieldPath,
  replacement: unknown,
): Promise<void> {
  const { dialect } = target;
  const request = { model: 'wrong-typed' };
  try {
    if (sample === 'events') {
      const events = substituted(target.events, path, replacement) as unknown[];
      for await (const delta of dialect.chat.decode(body(target.frame(events))))
        assertWellTypedDelta(delta);
    } else if (sample === 'answer') {
      assertWellTypedResult(
        dialect.chat.result(substituted(target.answer, path, replacement), request),
      );
    } else {
      const wire = substituted(target.embeddings, path, replacement);
      assertWellTypedEmbeddings(dialect.embed!.result(wire, request));
    }
  } catch (error) {
    assertTypedFailure(
      error,
      sample === 'events' ? 'HOTPATH_STREAM_' : 'HOTPATH_PROVIDER_UPSTREAM',
    );
  }
}
