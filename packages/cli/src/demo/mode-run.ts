import { performance } from 'node:perf_hooks';

/** The three ways the demo analyses the files. */
export type ModeName = 'sequential' | 'cold' | 'warm';

/** Every {@link ModeName}, in the order the demo runs them. */
export const MODE_NAMES: readonly ModeName[] = ['sequential', 'cold', 'warm'];

/** A file to analyse: the path shown (and sent in the prompt) and where it is on disk. */
export interface DemoFile {
  /** Relative to the parent of the analysed folder, e.g. `packages/cache/src/cache.ts`. */
  readonly path: string;
  readonly absolute: string;
}

/** How one file went in one mode. Times are ms since the mode started. */
export interface FileRun {
  readonly path: string;
  readonly startMs: number;
  readonly endMs: number;
  /** `hit`/`shared`: answered without an upstream call of its own; `none`: no cache in this mode. */
  readonly cache: 'hit' | 'shared' | 'miss' | 'none';
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Why the file has no answer. */
  readonly error?: string;
}

/** One mode's run over every file. */
export interface ModeRun {
  readonly mode: ModeName;
  /** Wall time of the whole analysis, in ms. */
  readonly totalMs: number;
  /** One entry per file, in input order. */
  readonly files: readonly FileRun[];
  /**
   * Calls that went upstream during the mode: for the hotpath runs, the calls the cache sent
   * upstream (its misses, from each call's typed locals); a 429 retried below the cache counts once.
   */
  readonly upstreamRequests: number;
  /** `process.memoryUsage()` right after the mode, in bytes. */
  readonly memory: { readonly heapUsed: number; readonly rss: number };
}

/** Called as each file finishes, for the progress bar. */
export type FileDone = (mode: ModeName, path: string) => void;

/** The prompt of one file, exactly as the host's `analyzeFiles` builds it. */
export function filePrompt(prompt: string, path: string, text: string): string {
  return `${prompt}\n\nFile: ${path}\n\n${text}`;
}

/** The memory figures recorded after each mode. */
export function memoryNow(): ModeRun['memory'] {
  const { heapUsed, rss } = process.memoryUsage();
  return { heapUsed, rss };
}

/** A clock that reads ms since it was made. */
export function stopwatch(): () => number {
  const started = performance.now();
  return () => performance.now() - started;
}

/** The message of a per-file failure, for the report (never a stack). */
export function errorText(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}
