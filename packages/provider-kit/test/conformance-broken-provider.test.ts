import { AssertionError } from 'node:assert';
import type { Provider } from '@hotpath/protocol';
import { describe, expect, it } from 'vitest';
import {
  type ConformanceCase,
  type ConformanceTarget,
  providerConformanceCases,
} from '../src/conformance/index.ts';
import { ProviderUpstreamError } from '../src/index.ts';

/** The fault cases never reach an upstream when the provider fails on its own. */
const nowhere = {
  url: 'http://127.0.0.1:9',
  stats: () => ({ streamsAborted: 0, streamsCompleted: 0 }),
  waitFor: async () => {},
};

/** A provider whose every call fails with `fail(apiKey)`. */
function failingTarget(fail: (apiKey: string) => unknown): ConformanceTarget {
  return {
    create: (_url, apiKey): Provider => ({
      name: 'broken',
      complete: () => Promise.reject(fail(apiKey)),
      stream: () => ({
        [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(fail(apiKey)) }),
      }),
      embed: () => Promise.reject(fail(apiKey)),
    }),
    upstream: nowhere,
    model: 'm',
  };
}

function faultCase(target: ConformanceTarget): ConformanceCase {
  const found = providerConformanceCases(target).find(
    (c) => c.name === 'complete maps the upstream fault "500" to a typed error',
  );
  if (found === undefined) throw new Error('the suite lost its 500 case');
  return found;
}

const upstreamError = (cause: unknown) =>
  new ProviderUpstreamError({ provider: 'broken', status: 500, cause });

describe('the conformance suite against a provider that leaks its API key', () => {
  it.each([
    ['a string cause', (key: string) => upstreamError(`POST /v1 with Bearer ${key}`)],
    [
      'a plain-object cause (the request headers)',
      (key: string) => upstreamError({ headers: { authorization: `Bearer ${key}` } }),
    ],
    [
      'an AggregateError cause',
      (key: string) => upstreamError(new AggregateError([new Error(`key ${key}`)], 'all failed')),
    ],
    [
      'a non-enumerable property',
      (key: string) =>
        Object.defineProperty(upstreamError(undefined), 'request', { value: { key } }),
    ],
  ])('fails the provider whose typed error carries the key in %s', async (_, fail) => {
    await expect(faultCase(failingTarget(fail)).run()).rejects.toBeInstanceOf(AssertionError);
  });

  it('passes a clean typed error even when it holds a circular structure', async () => {
    const socket: { self?: unknown } = {};
    socket.self = socket;
    const target = failingTarget(() => Object.assign(upstreamError(undefined), { socket }));
    await expect(faultCase(target).run()).resolves.toBeUndefined();
  });

  it('fails a provider that rejects with an untyped error', async () => {
    const target = failingTarget(() => new TypeError('fetch failed'));
    await expect(faultCase(target).run()).rejects.toBeInstanceOf(AssertionError);
  });
});
