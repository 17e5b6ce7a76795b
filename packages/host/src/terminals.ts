import type { CallContext, CallOptions, Handlers, Provider } from '@hotpath/protocol';
import { describeValue } from '@hotpath/protocol';
import { HostArgumentError, NoProviderError, UnknownToolError } from './errors.ts';
import type { Registry } from './registry.ts';

/**
 * Builds the per-call context every handler receives, or the error that rejects the call. The
 * caller's own `locals` object is the call's, so it reads what the plugins wrote once it settles.
 */
export function callContext(options: CallOptions | undefined): CallContext | HostArgumentError {
  const signal: unknown = options?.signal;
  // Checked here, once: a provider handed a string would fail deep in its HTTP client, or
  // never notice it, so the caller's abort would silently do nothing.
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    return new HostArgumentError(
      `options.signal: expected an AbortSignal, got ${describeValue(signal)}`,
    );
  }
  const locals = options?.locals;
  if (locals === undefined)
    return { signal: options?.signal, headers: options?.headers, locals: {} };
  if (typeof locals !== 'object' || locals === null || Array.isArray(locals)) {
    return new HostArgumentError(
      `options.locals: expected an object of per-call values, got ${describeValue(locals)}`,
    );
  }
  return { signal: options?.signal, headers: options?.headers, locals };
}

/** Turns a promise of a stream into a stream, so `stream()` can stay synchronous. */
export async function* deferStream<T>(source: Promise<AsyncIterable<T>>): AsyncGenerator<T> {
  yield* await source;
}

function missingProvider(): Handlers {
  const reject = (): Promise<never> => Promise.reject(new NoProviderError());
  return {
    complete: reject,
    embed: reject,
    stream: () => deferStream(reject()),
    tool: reject,
  };
}

/** The innermost handlers: the provider's calls and the tool registry. */
export function terminals(
  provider: Provider | undefined,
  registry: Registry,
  fallbackSignal: AbortSignal,
): Handlers {
  const fallback = missingProvider();
  return {
    complete: provider
      ? (request, context) => provider.complete(request, context)
      : fallback.complete,
    stream: provider ? (request, context) => provider.stream(request, context) : fallback.stream,
    embed: provider ? (request, context) => provider.embed(request, context) : fallback.embed,
    tool: async (invocation, context) => {
      const entry = registry.tools.get(invocation.name);
      if (entry === undefined) throw new UnknownToolError(invocation.name);
      return entry.tool.run(invocation.args, { signal: context.signal ?? fallbackSignal });
    },
  };
}
