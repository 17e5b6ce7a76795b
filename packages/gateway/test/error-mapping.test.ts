import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isHotpathError } from '@hotpath/protocol';
import { expect, it } from 'vitest';
import { INTERNAL_ERROR_CODE, toHttpError } from '../src/internal/error-response.ts';

// Every hotpath error code that can reach the gateway, collected from the error modules of the
// packages it runs (its workspace dependencies, transitively), must be answered deliberately:
// a status and type chosen for it, never the generic 500 for an error nobody thought of.

const ROOT = new URL('../../../', import.meta.url).pathname;
const CODE = /'(HOTPATH_[A-Z0-9_]+)'/g;

/**
 * Codes no request can meet: thrown while the gateway, a host or a package is being set up, by
 * tools the gateway does not run (the CLI, benchmarks), or only to a caller passing bad options
 * to a library function. Each is listed with the reason it cannot reach a request.
 */
const NOT_PER_REQUEST: { readonly [code: string]: string } = {
  HOTPATH_GATEWAY_INVALID_CONFIG: 'startGateway() validates the config before it listens',
  HOTPATH_GATEWAY_CONFIG_NOT_FOUND: 'loadConfig(), before startGateway()',
  HOTPATH_GATEWAY_CONFIG_LOAD_FAILED: 'loadConfig(), before startGateway()',
  HOTPATH_GATEWAY_LISTEN_FAILED: 'startGateway() itself',
  HOTPATH_GATEWAY_REDIS_UNAVAILABLE: 'the start-up probe of startGateway()',
  HOTPATH_HOST_DEPENDENCY_CYCLE: 'host set-up',
  HOTPATH_HOST_DUPLICATE_PLUGIN: 'host set-up',
  HOTPATH_HOST_DUPLICATE_SERVICE: 'host set-up',
  HOTPATH_HOST_MISSING_DEPENDENCY: 'host set-up',
  HOTPATH_HOST_SETUP_FAILED: 'host set-up',
  HOTPATH_HOST_SETUP_TIMEOUT: 'host set-up',
  HOTPATH_HOST_TEARDOWN_FAILED: 'host.close()',
  HOTPATH_HOST_LAZY_LOAD_FAILED: 'the gateway registers no lazy plugins',
  HOTPATH_HOST_MISSING_SERVICE: 'the gateway reads its services once, at start-up',
  HOTPATH_HOST_NO_PROVIDER: 'the router plugin always provides the provider',
  HOTPATH_HOST_UNKNOWN_TOOL: 'the gateway runs no tools',
  HOTPATH_CACHE_MISSING_PEER: 'opening the Redis store, at start-up',
  HOTPATH_CACHE_BUS_CONNECT_FAILED: 'opening the Redis bus, at start-up',
  HOTPATH_CACHE_STORE_OPEN_FAILED: 'opening the SQLite store, at start-up',
  HOTPATH_CACHE_BUS_MESSAGE_INVALID:
    'published on the error channel when a bus message is skipped, never thrown',
  HOTPATH_RATE_LIMIT_REDIS_CLIENT_MISSING: 'opening the Redis store, at start-up',
  HOTPATH_PROFILER_METRIC_CONFLICT: 'registering metrics, at start-up',
  HOTPATH_PROFILER_OTEL_MISSING: 'the gateway exports no OpenTelemetry',
  HOTPATH_EXECUTOR_GRAPH_CYCLE: 'tool graphs; the gateway runs none',
  HOTPATH_EXECUTOR_GRAPH_MISSING_DEPENDENCY: 'tool graphs; the gateway runs none',
  HOTPATH_EXECUTOR_DEPENDENCY_FAILED: 'tool graphs; the gateway runs none',
  HOTPATH_EXECUTOR_RACE_LOST: 'race(); the gateway races nothing',
  HOTPATH_EXECUTOR_BATCH_RESULT: 'micro-batches; the gateway batches nothing',
  HOTPATH_EXECUTOR_BATCHER_CLOSED: 'micro-batches; the gateway batches nothing',
  HOTPATH_CACHE_INTEGRITY_FAILED:
    'a corrupt L2 entry is read as a miss plus an error event; the cache never throws it to a caller',
  HOTPATH_CACHE_STORE_CORRUPT: 'iterating an SQLite store; the gateway never iterates its cache',
  HOTPATH_CACHE_CHECKPOINT_FAILED:
    'the SQLite L2 checkpoint worker failed: an error event, the store checkpoints inline again',
  HOTPATH_EXECUTOR_RESERVATION_SETTLED:
    'a rate-limit reservation settled twice: a bug in the caller, answered as one',
};

interface Workspace {
  readonly dir: string;
  readonly manifest: {
    readonly name: string;
    readonly dependencies?: Record<string, string>;
    readonly exports?: Record<string, unknown>;
  };
}

function workspace(): Map<string, Workspace> {
  const packages = new Map<string, Workspace>();
  for (const group of ['packages', 'plugins']) {
    for (const entry of readdirSync(join(ROOT, group), { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const dir = join(ROOT, group, entry.name);
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      packages.set(manifest.name, { dir, manifest });
    }
  }
  return packages;
}

/** The gateway and every workspace package it depends on at run time, transitively. */
function closure(all: Map<string, Workspace>): Workspace[] {
  const seen = new Map<string, Workspace>();
  const visit = (name: string): void => {
    const pkg = all.get(name);
    if (pkg === undefined || seen.has(name)) return;
    seen.set(name, pkg);
    for (const dep of Object.keys(pkg.manifest.dependencies ?? {})) visit(dep);
  };
  visit('@hotpath/gateway');
  return [...seen.values()];
}

/** Every code the package's error modules (`src/errors.ts`) define. */
function codesOf(pkg: Workspace): string[] {
  try {
    const text = readFileSync(join(pkg.dir, 'src', 'errors.ts'), 'utf8');
    // Code, not comments: a JSDoc example may show a made-up code.
    const code = text
      .split('\n')
      .filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line))
      .join('\n');
    return [...code.matchAll(CODE)].map((m) => m[1] as string);
  } catch {
    return [];
  }
}

/** The source files of every entry point (`.` and subpaths) of the package. */
function entries(pkg: Workspace): string[] {
  return Object.values(pkg.manifest.exports ?? {}).flatMap((target) => {
    const source = (target as { '@hotpath/source'?: string } | null)?.['@hotpath/source'];
    return typeof source === 'string' ? [join(pkg.dir, source)] : [];
  });
}

/** Argument lists tried on each error class's constructor until one builds an error with a code. */
const ARGUMENTS: readonly unknown[][] = [
  [],
  ['x'],
  ['x', 'y'],
  ['x', 'y', 'z'],
  [{ provider: 'p', capability: 'c', status: 500, upstreamMessage: 'm' }],
  ['x', 1, 2],
  [1, 2],
];

/** One instance of every exported error class, by the code it carries. */
async function instances(packages: readonly Workspace[]): Promise<Map<string, unknown>> {
  const byCode = new Map<string, unknown>();
  for (const file of packages.flatMap(entries)) {
    const module = (await import(file)) as Record<string, unknown>;
    for (const value of Object.values(module)) {
      if (typeof value !== 'function' || !isHotpathError(value.prototype)) continue;
      for (const args of ARGUMENTS) {
        try {
          const error = new (value as new (...a: unknown[]) => { code?: unknown })(...args);
          if (typeof error.code === 'string' && error.code.startsWith('HOTPATH_')) {
            if (!byCode.has(error.code)) byCode.set(error.code, error);
            break;
          }
        } catch {
          // Not this argument list: try the next.
        }
      }
    }
  }
  return byCode;
}

it('answers every hotpath error code that can reach the gateway with a status and type chosen for it', async () => {
  const packages = closure(workspace());
  const codes = new Set(packages.flatMap(codesOf));
  expect(codes.size).toBeGreaterThan(60);
  const built = await instances(packages);
  const perRequest = [...codes].filter((code) => !Object.hasOwn(NOT_PER_REQUEST, code)).sort();
  expect(perRequest.filter((code) => !built.has(code))).toEqual([]);
  const generic = perRequest.filter((code) => {
    const answer = toHttpError(built.get(code), []);
    return answer.status === 500 && answer.errorCode === INTERNAL_ERROR_CODE;
  });
  expect(generic).toEqual([]);
  // The list of exceptions names only codes that exist.
  expect(Object.keys(NOT_PER_REQUEST).filter((code) => !codes.has(code))).toEqual([]);
});

it('answers each family with the status OpenAI clients expect', async () => {
  const built = await instances(closure(workspace()));
  const status = (code: string): number => toHttpError(built.get(code), []).status;
  expect(status('HOTPATH_OPENAI_INVALID_REQUEST')).toBe(400);
  expect(status('HOTPATH_GATEWAY_UNKNOWN_MODEL')).toBe(404);
  expect(status('HOTPATH_PROVIDER_RATE_LIMITED')).toBe(429);
  expect(status('HOTPATH_PROVIDER_UPSTREAM')).toBe(502);
  expect(status('HOTPATH_STREAM_UPSTREAM_ERROR')).toBe(502);
  expect(status('HOTPATH_PROVIDER_TIMEOUT')).toBe(504);
  expect(status('HOTPATH_HOST_CLOSED')).toBe(503);
  expect(status('HOTPATH_CACHE_INVALID_ARGUMENT')).toBe(400);
});
