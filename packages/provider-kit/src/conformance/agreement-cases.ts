import assert from 'node:assert/strict';
import type {
  CompletionRequest,
  CompletionResult,
  FinishReason,
  Provider,
  Usage,
} from '@hotpath/protocol';
import { collect, toCompletionResult } from '@hotpath/stream';
import type { ConformanceCase } from './provider-cases.ts';
import { type RecordedAnswer, serveRecordings } from './recordings.ts';

/** What one recorded answer must come out as, on both paths. */
export interface ExpectedAnswer {
  readonly finishReason: FinishReason;
  readonly usage: Usage;
  readonly text?: string;
  readonly reasoning?: string;
  /** Tool calls by name, with their arguments parsed. */
  readonly toolCalls?: readonly { readonly name: string; readonly arguments: unknown }[];
}

/** What {@link streamingAgreementCases} needs. */
export interface AgreementTarget {
  /** Creates the provider under test against the replay server's root URL (no path). */
  create(serverUrl: string): Provider & { close?(): Promise<void> };
  /** The recorded answers, for example from `loadRecordings(dir)`. */
  readonly recordings: readonly RecordedAnswer[];
  /** What each recording must give, by recording name; every recording needs an entry. */
  readonly expected: { readonly [name: string]: ExpectedAnswer };
}

interface Comparable {
  readonly text: string;
  readonly reasoning: string;
  readonly toolCalls: readonly { id: string; name: string; arguments: unknown }[];
  readonly usage: Usage;
  readonly finishReason: FinishReason;
}

function parsedArguments(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    assert.fail(`the arguments of tool call ${name} are not JSON: ${JSON.stringify(text)}`);
  }
}

// Arguments are compared as parsed JSON: a non-streaming answer may carry them as an object
// (Anthropic, Ollama), whose text form is canonical JSON, while a stream carries the model's text.
function comparable(result: CompletionResult): Comparable {
  const { message } = result;
  return {
    text: message.content,
    reasoning: message.reasoning ?? '',
    toolCalls: (message.toolCalls ?? []).map(({ id, name, arguments: args }) => ({
      id,
      name,
      arguments: parsedArguments(args, name),
    })),
    usage: result.usage,
    finishReason: result.finishReason,
  };
}

function check(got: Comparable, expected: ExpectedAnswer): void {
  assert.equal(got.finishReason, expected.finishReason, 'finish reason');
  assert.deepEqual(got.usage, expected.usage, 'usage');
  if (expected.text !== undefined) assert.equal(got.text, expected.text, 'text');
  if (expected.reasoning !== undefined) assert.equal(got.reasoning, expected.reasoning);
  if (expected.toolCalls !== undefined) {
    const calls = got.toolCalls.map(({ name, arguments: args }) => ({ name, arguments: args }));
    assert.deepEqual(calls, expected.toolCalls, 'tool calls');
  }
}

async function bothPaths(
  target: AgreementTarget,
  recording: RecordedAnswer,
): Promise<[whole: Comparable, streamed: Comparable]> {
  await using server = await serveRecordings([recording]);
  const provider = target.create(server.url);
  try {
    const request: CompletionRequest = {
      model: recording.name,
      messages: [{ role: 'user', content: 'replay' }],
    };
    const whole = await provider.complete(request);
    const streamed = toCompletionResult(await collect(provider.stream(request)), request);
    assert.deepEqual(server.served, { streaming: 1, complete: 1 }, 'one call on each path');
    return [comparable(whole), comparable(streamed)];
  } finally {
    await provider.close?.();
  }
}

/**
 * Streaming-agreement conformance: each recorded upstream answer, served over real HTTP by
 * `serveRecordings`, goes through the provider's non-streaming path (`complete`) and its
 * streaming path (`stream`, assembled with `@hotpath/stream`'s `collect`), and the two must give
 * the same text, reasoning, tool calls (ids, names, arguments as parsed JSON), usage and finish
 * reason, which must also be what `expected` says. Framework-agnostic: register each case with
 * your runner.
 *
 * @example
 * ```ts
 * for (const check of streamingAgreementCases({ create: (url) => myProvider(url), recordings, expected }))
 *   it(check.name, check.run);
 * ```
 */
export function streamingAgreementCases(target: AgreementTarget): ConformanceCase[] {
  return target.recordings.map((recording) => ({
    name: `"${recording.name}": complete and stream give the same answer`,
    run: async () => {
      const expected = target.expected[recording.name];
      assert.ok(expected, `no expected answer for the recording "${recording.name}"`);
      const [whole, streamed] = await bothPaths(target, recording);
      assert.deepEqual(streamed, whole, 'the streamed answer differs from the non-streaming one');
      check(whole, expected);
    },
  }));
}
