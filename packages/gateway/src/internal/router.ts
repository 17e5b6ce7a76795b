import { performance } from 'node:perf_hooks';
import type {
  CallOptions,
  CompletionRequest,
  CompletionResult,
  EmbeddingRequest,
  EmbeddingResult,
  Provider,
  StreamDelta,
} from '@hotpath/protocol';
import { isRetryable, ProviderUnsupportedError } from '@hotpath/provider-kit';
import type {} from './locals.ts';
import type { RouteTable } from './route-table.ts';
import { upstreamHeaders } from './upstream-auth.ts';
import type { RouteStep } from './upstreams.ts';

/**
 * Refuses a request carrying wire fields for another dialect than `step`'s upstream speaks (the
 * OpenAI parameters a client sent, routed to Anthropic): its dialect would leave them out.
 */
function checkProviderOptions(request: CompletionRequest, step: RouteStep): void {
  const options = request.providerOptions;
  if (options === undefined) return;
  const own = step.upstream.dialect.name;
  for (const [dialect, fields] of Object.entries(options)) {
    const first = dialect === own ? undefined : Object.keys(fields)[0];
    if (first === undefined) continue;
    throw new ProviderUnsupportedError({
      provider: step.upstream.name,
      capability: `\`${first}\``,
      parameter: `providerOptions.${dialect}.${first}`,
    });
  }
}

/** The request as `step` names its model upstream. */
function forStep<R extends { readonly model: string }>(request: R, step: RouteStep): R {
  return step.model === request.model ? request : { ...request, model: step.model };
}

/**
 * The gateway's provider: sends each call to its model's upstreams in fallback order,
 * forwarding the client's key to upstreams without their own. Each upstream's provider retries
 * its own 429s (`rateLimitRetry`); the router moves on when the error `isRetryable`. It writes
 * the time spent upstream into the call's typed local `gatewayUpstreamMs`.
 */
export class Router implements Provider {
  readonly name = 'gateway';
  readonly #routes: RouteTable;

  constructor(routes: RouteTable) {
    this.#routes = routes;
  }

  complete(request: CompletionRequest, options?: CallOptions): Promise<CompletionResult> {
    return this.#each(request.model, options, (step, opts) => {
      checkProviderOptions(request, step);
      return step.upstream.provider.complete(forStep(request, step), opts);
    });
  }

  embed(request: EmbeddingRequest, options?: CallOptions): Promise<EmbeddingResult> {
    return this.#each(request.model, options, (step, opts) =>
      step.upstream.provider.embed(forStep(request, step), opts),
    );
  }

  async *stream(request: CompletionRequest, options?: CallOptions): AsyncGenerator<StreamDelta> {
    const { it, first } = await this.#each(request.model, options, async (step, opts) => {
      checkProviderOptions(request, step);
      const it = step.upstream.provider
        .stream(forStep(request, step), opts)
        [Symbol.asyncIterator]();
      // Fall back only before the first delta: after it the client has seen part of an answer.
      return { it, first: await it.next() };
    });
    try {
      if (first.done) return;
      yield first.value;
      yield* { [Symbol.asyncIterator]: () => it };
    } finally {
      // A consumer that stops between the first delta and the rest must still abort the upstream.
      await it.return?.();
    }
  }

  async #each<T>(
    model: string,
    options: CallOptions | undefined,
    call: (step: RouteStep, options: CallOptions) => Promise<T>,
  ): Promise<T> {
    const locals = options?.locals;
    // The handler resolved the route when it checked the model; other callers resolve it here.
    const steps = locals?.gatewayRoute ?? this.#routes.steps(model);
    const started = performance.now();
    try {
      return await this.#fallBack(steps, options, call);
    } finally {
      if (locals !== undefined) locals.gatewayUpstreamMs = performance.now() - started;
    }
  }

  async #fallBack<T>(
    steps: readonly RouteStep[],
    options: CallOptions | undefined,
    call: (step: RouteStep, options: CallOptions) => Promise<T>,
  ): Promise<T> {
    const signal = options?.signal;
    for (let i = 0; ; i++) {
      const step = steps[i]!;
      const opts: CallOptions = {
        signal,
        headers: upstreamHeaders(step.upstream, options?.headers),
      };
      try {
        return await call(step, opts);
      } catch (error) {
        // Down, 5xx, timeout, or a 429 its provider's retries did not get past: try the next.
        if (i === steps.length - 1 || signal?.aborted || !isRetryable(error)) throw error;
      }
    }
  }
}
