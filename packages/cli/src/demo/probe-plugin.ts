import type { Plugin } from '@hotpath/protocol';
import type { FileRun } from './mode-run.ts';

/** What the probe saw of one file's call. */
export interface ProbeRecord {
  readonly cache: FileRun['cache'];
}

/** A plugin that watches the demo's calls, and what it saw so far. */
export interface Probe {
  readonly plugin: Plugin;
  /** Calls that went past every other middleware to the provider (upstream HTTP calls). */
  upstreamCalls(): number;
  /** The cache outcome per file path, since the last `reset()`. */
  records(): ReadonlyMap<string, ProbeRecord>;
  /** Forgets the records (the upstream counter keeps counting). */
  reset(): void;
  /** Called with each file path as its call settles. */
  onSettled: ((path: string) => void) | undefined;
}

const FILE_LINE = /\n\nFile: (.*)\n\n/;

function pathOf(content: unknown): string {
  return typeof content === 'string' ? (FILE_LINE.exec(content)?.[1] ?? '') : '';
}

function cacheOf(value: unknown): FileRun['cache'] {
  return value === 'hit' || value === 'shared' || value === 'miss' ? value : 'none';
}

/**
 * Creates the demo's probe: outermost (`pre`), it reads the cache plugin's verdict from
 * `ctx.locals.cache` once a call settles; innermost (`post`), it counts the calls that reach
 * the provider, which is what the upstream is charged for.
 */
export function createProbe(): Probe {
  let calls = 0;
  let records = new Map<string, ProbeRecord>();
  const probe: Probe = {
    plugin: {
      name: 'demo-probe',
      setup(context) {
        context.wrap(
          'complete',
          (next) => async (request, ctx) => {
            const path = pathOf(request.messages[0]?.content);
            try {
              return await next(request, ctx);
            } finally {
              records.set(path, { cache: cacheOf(ctx.locals.cache) });
              probe.onSettled?.(path);
            }
          },
          { order: 'pre' },
        );
        context.wrap(
          'complete',
          (next) => (request, ctx) => {
            calls++;
            return next(request, ctx);
          },
          { order: 'post' },
        );
      },
    },
    upstreamCalls: () => calls,
    records: () => records,
    reset: () => {
      records = new Map();
    },
    onSettled: undefined,
  };
  return probe;
}
