import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import type {
  CompletionRequest,
  CompletionResult,
  Provider,
  StreamDelta,
  ToolDefinition,
} from '@hotpath/protocol';
import { HotpathError } from '@hotpath/protocol';
import { ProviderRateLimitedError, ProviderUpstreamError } from '../errors.ts';

/** The counters the conformance suite reads from its upstream (the `@hotpath/simulator` shape). */
export interface ConformanceUpstreamStats {
  readonly streamsAborted: number;
  readonly streamsCompleted: number;
}

/** An upstream the suite can point providers at and watch, such as `@hotpath/simulator`. */
export interface ConformanceUpstream {
  readonly url: string;
  stats(): ConformanceUpstreamStats;
  waitFor(predicate: (stats: ConformanceUpstreamStats) => boolean): Promise<unknown>;
}

/** What {@link providerConformanceCases} needs. */
export interface ConformanceTarget {
  /** Creates the provider under test against the upstream's base URL, with this API key. */
  create(upstreamUrl: string, apiKey: string): Provider & { close?(): Promise<void> };
  /** Read when each case runs, so a getter may return an upstream started after the cases were made. */
  readonly upstream: ConformanceUpstream;
  readonly model: string;
  /** Model for `embed`; omit when the provider does not embed (the suite then expects a typed refusal). */
  readonly embeddingModel?: string;
  /** Headers that make the upstream inject a fault. @default `{ 'x-sim-fault': mode }` */
  readonly faultHeaders?: (mode: string) => { readonly [name: string]: string };
}

/** One conformance check; `run` throws an `AssertionError` when the provider fails it. */
export interface ConformanceCase {
  readonly name: string;
  run(): Promise<void>;
}

const SECRET = 'sk-conformance-0123456789abcdef';
const weatherTool: ToolDefinition = {
  name: 'get_weather',
  description: 'Current weather for a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

function ask(
  model: string,
  text: string,
  extra: Partial<CompletionRequest> = {},
): CompletionRequest {
  return { model, messages: [{ role: 'user', content: text }], temperature: 0, ...extra };
}

async function collect(stream: AsyncIterable<StreamDelta>): Promise<StreamDelta[]> {
  const deltas: StreamDelta[] = [];
  for await (const delta of stream) deltas.push(delta);
  return deltas;
}

function text(deltas: readonly StreamDelta[]): string {
  return deltas.map((d) => (d.type === 'text' ? d.text : '')).join('');
}

async function failure(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  assert.fail('expected the call to fail, but it finished cleanly');
}

/** Everything a log line of `value` can show, as deep as a logger would go; cycles are marked. */
const SHOWN = {
  depth: 16,
  showHidden: true,
  maxArrayLength: null,
  maxStringLength: null,
  breakLength: Number.POSITIVE_INFINITY,
} as const;

function assertNoSecret(error: unknown): void {
  const seen = new Set<unknown>();
  for (let e = error; e instanceof Error && !seen.has(e); e = e.cause) {
    seen.add(e);
    assert.ok(!`${e.message}${e.stack ?? ''}`.includes(SECRET), 'the API key leaked into an error');
  }
  // The whole error as inspected: a cause that is a string or a plain object (request headers),
  // non-enumerable properties and AggregateError's errors, which the walk above does not reach.
  assert.ok(!inspect(error, SHOWN).includes(SECRET), 'the API key leaked into an error');
}

/** Waits until the upstream saw the stream end, and asserts it was aborted rather than finished. */
async function expectUpstreamAborted(
  upstream: ConformanceUpstream,
  before: ConformanceUpstreamStats,
): Promise<void> {
  await upstream.waitFor(
    (s) => s.streamsAborted > before.streamsAborted || s.streamsCompleted > before.streamsCompleted,
  );
  const after = upstream.stats();
  assert.ok(
    after.streamsAborted > before.streamsAborted,
    'the upstream stream ran to its end instead of being aborted',
  );
}

async function using<T>(
  target: ConformanceTarget,
  body: (provider: Provider) => Promise<T>,
): Promise<T> {
  const provider = target.create(target.upstream.url, SECRET);
  try {
    return await body(provider);
  } finally {
    await provider.close?.();
  }
}

function basicCases(target: ConformanceTarget): ConformanceCase[] {
  const { model } = target;
  return [
    {
      name: 'complete answers with text, usage and a stop reason, deterministically',
      run: () =>
        using(target, async (provider) => {
          const [a, b] = [
            await provider.complete(ask(model, 'hello')),
            await provider.complete(ask(model, 'hello')),
          ];
          assert.ok(a.message.content.length > 0);
          assert.equal(a.message.content, b.message.content);
          assert.equal(a.finishReason, 'stop');
          assert.ok(a.usage.inputTokens > 0 && a.usage.outputTokens > 0);
        }),
    },
    {
      name: 'maxTokens cuts the answer with finish reason length',
      run: () =>
        using(target, async (provider) => {
          const result = await provider.complete(ask(model, 'tell me more', { maxTokens: 3 }));
          assert.equal(result.finishReason, 'length');
          assert.ok(result.usage.outputTokens <= 3);
        }),
    },
    {
      name: 'stream yields the same text as complete, then usage and finish',
      run: () =>
        using(target, async (provider) => {
          const whole: CompletionResult = await provider.complete(ask(model, 'stream me'));
          const deltas = await collect(provider.stream(ask(model, 'stream me')));
          assert.equal(text(deltas), whole.message.content);
          assert.deepEqual(deltas.at(-1), { type: 'finish', reason: 'stop' });
          const usage = deltas.find((d) => d.type === 'usage');
          assert.ok(usage && usage.usage.outputTokens === whole.usage.outputTokens);
        }),
    },
    {
      name: 'tool calls arrive whole from complete and assemble from stream',
      run: () =>
        using(target, async (provider) => {
          const request = ask(model, 'call get_weather please', { tools: [weatherTool] });
          const result = await provider.complete(request);
          const call = result.message.toolCalls?.[0];
          assert.equal(call?.name, 'get_weather');
          assert.equal(result.finishReason, 'tool_calls');
          const deltas = await collect(provider.stream(request));
          const streamed = deltas.filter((d) => d.type === 'tool-call');
          assert.equal(streamed.find((d) => d.name !== undefined)?.name, 'get_weather');
          assert.deepEqual(
            JSON.parse(streamed.map((d) => d.argumentsDelta).join('')),
            JSON.parse(call!.arguments),
          );
        }),
    },
  ];
}

function abortCases(target: ConformanceTarget): ConformanceCase[] {
  const { model } = target;
  return [
    {
      name: 'breaking out of a stream aborts the upstream request',
      run: () =>
        using(target, async (provider) => {
          const upstream = target.upstream;
          const before = upstream.stats();
          let seen = 0;
          for await (const delta of provider.stream(ask(model, 'a long answer', {}), {
            headers: slow,
          })) {
            if (delta.type === 'text' && ++seen === 2) break;
          }
          await expectUpstreamAborted(upstream, before);
        }),
    },
    {
      name: 'an abort signal rejects with its reason and aborts the upstream request',
      run: () =>
        using(target, async (provider) => {
          const upstream = target.upstream;
          const before = upstream.stats();
          const controller = new AbortController();
          const reason = new Error('user navigated away');
          const error = await failure(async () => {
            for await (const delta of provider.stream(ask(model, 'another answer'), {
              signal: controller.signal,
              headers: slow,
            })) {
              if (delta.type === 'text') controller.abort(reason);
            }
          });
          assert.equal(error, reason);
          await expectUpstreamAborted(upstream, before);
        }),
    },
  ];
}

// A 10 s answer (500 tokens at 50/s): the abort cases break off after a few tokens, and no stall of
// a loaded machine can let the upstream reach the end first (a 32-token answer once did, on 2 cores).
const slow = { 'x-sim-tokens-per-sec': '50', 'x-sim-response-tokens': '500' };

function faultCases(target: ConformanceTarget): ConformanceCase[] {
  const { model } = target;
  const fault = target.faultHeaders ?? ((mode: string) => ({ 'x-sim-fault': mode }));
  const expectFault = (
    mode: string,
    check: (error: unknown) => void,
    streaming: boolean,
  ): ConformanceCase => ({
    name: `${streaming ? 'stream' : 'complete'} maps the upstream fault "${mode}" to a typed error`,
    run: () =>
      using(target, async (provider) => {
        const headers = fault(mode);
        const error = await failure(() =>
          streaming
            ? collect(provider.stream(ask(model, 'fault'), { headers }))
            : provider.complete(ask(model, 'fault'), { headers }),
        );
        assert.ok(error instanceof HotpathError, `expected a HotpathError, got ${String(error)}`);
        assertNoSecret(error);
        check(error);
      }),
  });
  const rateLimited = (error: unknown) => {
    assert.ok(error instanceof ProviderRateLimitedError);
    assert.equal(error.status, 429);
    assert.ok((error.retryAfterMs ?? -1) >= 0, 'the retry delay is parsed');
  };
  const upstreamFailure = (error: unknown) => assert.ok(error instanceof ProviderUpstreamError);
  const anyTyped = () => {};
  return [
    expectFault('429', rateLimited, false),
    expectFault('429', rateLimited, true),
    expectFault('500', upstreamFailure, false),
    expectFault('503', upstreamFailure, true),
    expectFault('malformed', upstreamFailure, false),
    expectFault('malformed', anyTyped, true),
    expectFault('reset', anyTyped, true),
    expectFault('truncate', anyTyped, true),
  ];
}

function embedCases(target: ConformanceTarget): ConformanceCase[] {
  const { embeddingModel } = target;
  if (embeddingModel === undefined) {
    return [
      {
        name: 'embed refuses with a typed error',
        run: () =>
          using(target, async (provider) => {
            const error = await failure(() =>
              provider.embed({ model: target.model, input: ['x'] }),
            );
            assert.ok(error instanceof HotpathError);
          }),
      },
    ];
  }
  return [
    {
      name: 'embed returns one deterministic vector per input, in order',
      run: () =>
        using(target, async (provider) => {
          const input = ['alpha beta', 'gamma', 'alpha beta'];
          const result = await provider.embed({ model: embeddingModel, input, dimensions: 8 });
          assert.equal(result.embeddings.length, 3);
          assert.ok(result.embeddings.every((v) => v instanceof Float32Array && v.length === 8));
          assert.deepEqual([...result.embeddings[0]!], [...result.embeddings[2]!]);
          assert.notDeepEqual([...result.embeddings[0]!], [...result.embeddings[1]!]);
        }),
    },
  ];
}

/**
 * The provider conformance suite: what every hotpath provider must do against
 * an OpenAI/Anthropic/Ollama-compatible upstream such as `@hotpath/simulator`,
 * faults included. Framework-agnostic: register each case with your runner.
 *
 * @example
 * ```ts
 * for (const check of providerConformanceCases({ create: (url, apiKey) => myProvider(url, apiKey), upstream: sim, model: 'sim-small' }))
 *   it(check.name, check.run);
 * ```
 */
export function providerConformanceCases(target: ConformanceTarget): ConformanceCase[] {
  return [
    ...basicCases(target),
    ...abortCases(target),
    ...faultCases(target),
    ...embedCases(target),
  ];
}
