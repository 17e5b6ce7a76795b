import assert from 'node:assert/strict';
import type {
  CompletionRequest,
  CompletionResult,
  FinishReason,
  Provider,
  Usage,
} from '@hotpath/protocol';
import { collect, toCompletionResult } from '@hotpath/stream';
import type { ProviderDialect } from '../dialect.ts';
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
  /**
   * Every finish reason the API sends, and how to read one from a non-streaming answer: a case
   * then checks that the recordings cover them all.
   */
  readonly finishReasons?: {
    readonly all: readonly string[];
    of(wire: unknown): string;
  };
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

/**
 * Asserts that one answer, written both ways, comes out of a dialect the same: `streamed` (the
 * streamed body) through `chat.decode` and `collect`, `whole` (the parsed non-streaming answer)
 * through `chat.result`. Compares as {@link streamingAgreementCases} does; resolves with the
 * non-streaming result for further checks. For property tests over generated answers.
 *
 * @example
 * ```ts
 * const result = await assertDialectAgreement(openaiDialect, bytes(sse), JSON.parse(json));
 * ```
 */
export async function assertDialectAgreement(
  dialect: ProviderDialect,
  streamed: AsyncIterable<Uint8Array>,
  whole: unknown,
): Promise<CompletionResult> {
  const request = { model: 'agreement' };
  const fromStream = toCompletionResult(await collect(dialect.chat.decode(streamed)), request);
  const fromWhole = dialect.chat.result(whole, request);
  assert.deepEqual(comparable(fromStream), comparable(fromWhole), 'streamed and whole differ');
  return fromWhole;
}

async function bothPaths(
  target: AgreementTarget,
  recording: RecordedAnswer,
): Promise<[whole: Comparable, streamed: Comparable]> {
  // try/finally rather than `await using`: Node 22 cannot parse `using` declarations, and the
  // repository runs this source directly (type stripping) in child processes on Node 22 too.
  const server = await serveRecordings([recording]);
  try {
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
  } finally {
    await server.close();
  }
}

/**
 * Streaming-agreement conformance: each recorded upstream answer, served over real HTTP by
 * `serveRecordings`, goes through the provider's non-streaming path (`complete`) and its
 * streaming path (`stream`, assembled with `@hotpath/stream`'s `collect`), and the two must give
 * the same text, reasoning, tool calls (ids, names, arguments as parsed JSON), usage and finish
 * reason, which must also be what `expected` says; with `finishReasons`, one more case checks
 * that the recordings cover every finish reason. Framework-agnostic: register each case with your
 * runner.
 *
 * @example
 * ```ts
 * for (const check of streamingAgreementCases({ create: (url) => myProvider(url), recordings, expected }))
 *   it(check.name, check.run);
 * ```
 */
export function streamingAgreementCases(target: AgreementTarget): ConformanceCase[] {
  return [...agreementCases(target), ...coverageCases(target)];
}

function coverageCases({ finishReasons, recordings }: AgreementTarget): ConformanceCase[] {
  if (finishReasons === undefined) return [];
  return [
    {
      name: 'the recordings cover every finish reason the API sends',
      run: async () => {
        const seen = recordings.map((r) => finishReasons.of(JSON.parse(r.complete.body)));
        assert.deepEqual([...new Set(seen)].sort(), [...new Set(finishReasons.all)].sort());
      },
    },
  ];
}

function agreementCases(target: AgreementTarget): ConformanceCase[] {
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
