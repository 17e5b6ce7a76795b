import { setTimeout as sleep } from 'node:timers/promises';
import type {
  CallOptions,
  CompletionRequest,
  CompletionResult,
  EmbeddingRequest,
  EmbeddingResult,
  Provider,
  StreamDelta,
} from '@hotpath/protocol';
import { UnknownModelError } from '../errors.ts';
import type { RouteStep, Upstream } from './upstreams.ts';

/** When the router retries a 429 and when it falls back. */
export interface RetryPolicy {
  /** Retries of a 429 on the same upstream. */
  readonly retries: number;
  /** Longest retry delay waited out before falling back instead. */
  readonly maxRetryWaitMs: number;
}

const FALLBACK_CODES: ReadonlySet<string> = new Set([
  'HOTPATH_PROVIDER_UPSTREAM',
  'HOTPATH_PROVIDER_TIMEOUT',
  'HOTPATH_PROVIDER_RATE_LIMITED',
]);

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function bearer(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return value.toLowerCase().startsWith('bearer ') ? value.slice(7).trim() : value;
}

/** The client's credential, in the header the upstream expects; nothing when the upstream has its own key. */
function upstreamHeaders(
  upstream: Upstream,
  headers: CallOptions['headers'],
): { [name: string]: string } | undefined {
  if (upstream.ownKey || headers === undefined) return undefined;
  const key = bearer(headers.authorization) ?? headers['x-api-key'];
  if (key === undefined || key === '') return undefined;
  return upstream.type === 'anthropic' ? { 'x-api-key': key } : { authorization: `Bearer ${key}` };
}

/**
 * The gateway's provider: sends each call to its model's upstreams in fallback order,
 * forwarding the client's key to upstreams without their own.
 */
export class Router implements Provider {
  readonly name = 'gateway';
  readonly #routes: Map<string, readonly RouteStep[]>;
  readonly #policy: RetryPolicy;

  constructor(routes: Map<string, readonly RouteStep[]>, policy: RetryPolicy) {
    this.#routes = routes;
    this.#policy = policy;
  }

  /** True when `model` is routed. */
  has(model: string): boolean {
    return this.#routes.has(model);
  }

  /** The routed model names and their first upstream. */
  models(): Array<{ id: string; upstream: string }> {
    return [...this.#routes].map(([id, steps]) => ({ id, upstream: steps[0]!.upstream.name }));
  }

  complete(request: CompletionRequest, options?: CallOptions): Promise<CompletionResult> {
    return this.#each(request.model, options, (step, opts) =>
      step.upstream.provider.complete(
        step.model === request.model ? request : { ...request, model: step.model },
        opts,
      ),
    );
  }

  embed(request: EmbeddingRequest, options?: CallOptions): Promise<EmbeddingResult> {
    return this.#each(request.model, options, (step, opts) =>
      step.upstream.provider.embed(
        step.model === request.model ? request : { ...request, model: step.model },
        opts,
      ),
    );
  }

  async *stream(request: CompletionRequest, options?: CallOptions): AsyncGenerator<StreamDelta> {
    const iterator = await this.#each(request.model, options, async (step, opts) => {
      const upstreamRequest =
        step.model === request.model ? request : { ...request, model: step.model };
      const it = step.upstream.provider.stream(upstreamRequest, opts)[Symbol.asyncIterator]();
      // Fall back only before the first delta: after it the client has seen part of an answer.
      const first = await it.next();
      return { it, first };
    });
    const { it, first } = iterator;
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
    const steps = this.#routes.get(model);
    if (steps === undefined) throw new UnknownModelError(model);
    for (let i = 0; ; i++) {
      const step = steps[i]!;
      const headers = upstreamHeaders(step.upstream, options?.headers);
      const opts: CallOptions = { signal: options?.signal, headers };
      try {
        return await this.#retrying(() => call(step, opts), options?.signal);
      } catch (error) {
        const last = i === steps.length - 1;
        if (last || options?.signal?.aborted || !FALLBACK_CODES.has(codeOf(error) ?? ''))
          throw error;
      }
    }
  }

  async #retrying<T>(attempt: () => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
    for (let retry = 0; ; retry++) {
      try {
        return await attempt();
      } catch (error) {
        const wait = (error as { retryAfterMs?: number }).retryAfterMs ?? 1000;
        const retryable = codeOf(error) === 'HOTPATH_PROVIDER_RATE_LIMITED';
        if (!retryable || retry >= this.#policy.retries || wait > this.#policy.maxRetryWaitMs)
          throw error;
        // Node's abortable timer: a client that leaves ends the wait at once.
        await sleep(wait, undefined, { signal });
      }
    }
  }
}
