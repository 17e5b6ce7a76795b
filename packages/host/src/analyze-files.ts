import { readFile as fsReadFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { map } from '@hotpath/executor';
import type { CallLocals, Usage } from '@hotpath/protocol';
import { HostArgumentError } from './errors.ts';
import type { Host } from './host.ts';
import { ANALYZE_FILES_OPTIONS, checkKeys } from './option-keys.ts';

declare module '@hotpath/protocol' {
  interface CallLocals {
    /** Seeded by `analyzeFiles` from `@hotpath/host`: the path of the file the call asks about. */
    analyzedFile?: string;
  }
}

/** Options of {@link analyzeFiles}. */
export interface AnalyzeFilesOptions {
  /** Model to ask about each file. */
  readonly model: string;
  /**
   * Sampling temperature of every call. Set `0` for repeatable answers, which the cache plugin
   * caches by default (it leaves non-deterministic requests alone).
   * @default the provider's default (unset)
   */
  readonly temperature?: number;
  /** How many files are read and analysed at once. @default 8 */
  readonly concurrency?: number;
  /** Reads one file as text. @default `fs.readFile(path, 'utf8')` */
  readonly readFile?: (path: string, options: { readonly signal: AbortSignal }) => Promise<string>;
  /** Aborts reads and model calls in flight, starts no more, and rejects with `signal.reason`. */
  readonly signal?: AbortSignal;
  /** Called as each file's analysis settles (answered or failed), in the order they settle. */
  readonly onFile?: (file: FileAnalysis) => void;
}

/** The answer about one file, or why there is none. */
export interface FileAnalysis {
  readonly path: string;
  /** The model's answer; absent when `error` is set. */
  readonly answer?: string;
  /** Tokens the call used; absent when `error` is set. */
  readonly usage?: Usage;
  /** Time spent reading and asking about this file, in ms. */
  readonly ms: number;
  /** Why reading the file or asking the model failed. */
  readonly error?: unknown;
  /**
   * The typed per-call locals of this file's model call: `analyzedFile` (the path), and what
   * the plugins wrote, for example `cache` with `@hotpath/plugin-cache`. Empty but for the path
   * when the file could not be read.
   */
  readonly locals: CallLocals;
}

/** What {@link analyzeFiles} resolves with. */
export interface FilesAnalysis {
  /** One entry per input path, in input order. */
  readonly files: readonly FileAnalysis[];
  /** How many files have an answer, and how many an error. */
  readonly succeeded: number;
  readonly failed: number;
  /** Tokens used over every answered file. */
  readonly usage: { readonly inputTokens: number; readonly outputTokens: number };
  /** Wall time of the whole analysis, in ms. */
  readonly ms: number;
}

function checkArguments(paths: unknown, prompt: unknown, options: unknown): void {
  if (!Array.isArray(paths) || paths.some((path) => typeof path !== 'string')) {
    throw new HostArgumentError('analyzeFiles(paths): expected an array of file paths');
  }
  if (typeof prompt !== 'string') {
    throw new HostArgumentError('analyzeFiles(prompt): expected a string');
  }
  checkKeys('analyzeFiles()', options, ANALYZE_FILES_OPTIONS);
  const { model, temperature, onFile } = (options ?? {}) as Partial<AnalyzeFilesOptions>;
  if (typeof model !== 'string' || model === '') {
    throw new HostArgumentError('analyzeFiles(options.model): expected a model name');
  }
  if (temperature !== undefined && !(typeof temperature === 'number' && temperature >= 0)) {
    throw new HostArgumentError('analyzeFiles(options.temperature): expected a number ≥ 0');
  }
  if (onFile !== undefined && typeof onFile !== 'function') {
    throw new HostArgumentError('analyzeFiles(options.onFile): expected a function');
  }
}

async function analyzeOne(
  host: Host,
  path: string,
  prompt: string,
  options: AnalyzeFilesOptions,
  signal: AbortSignal,
): Promise<FileAnalysis> {
  const started = performance.now();
  const locals: CallLocals = { analyzedFile: path };
  const read =
    options.readFile ?? ((file, { signal }) => fsReadFile(file, { encoding: 'utf8', signal }));
  try {
    const text = await read(path, { signal });
    const content = `${prompt}\n\nFile: ${path}\n\n${text}`;
    const result = await host.complete(
      {
        model: options.model,
        messages: [{ role: 'user', content }],
        ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
      },
      { signal, locals },
    );
    const ms = performance.now() - started;
    return { path, answer: result.message.content, usage: result.usage, ms, locals };
  } catch (error) {
    // An abort ends the whole analysis; any other failure belongs to this file only.
    if (signal.aborted) throw signal.reason;
    return { path, ms: performance.now() - started, error, locals };
  }
}

function totals(files: readonly FileAnalysis[], ms: number): FilesAnalysis {
  let inputTokens = 0;
  let outputTokens = 0;
  for (const file of files) {
    inputTokens += file.usage?.inputTokens ?? 0;
    outputTokens += file.usage?.outputTokens ?? 0;
  }
  const failed = files.filter((file) => file.error !== undefined).length;
  return {
    files,
    succeeded: files.length - failed,
    failed,
    usage: { inputTokens, outputTokens },
    ms,
  };
}

/**
 * Asks a model the same question about many files: reads them in parallel (at most
 * `concurrency` at once) and sends each through `host.complete`, so caching, dedup and
 * budget plugins apply. A file that cannot be read or answered gets an `error` and the
 * others go on; answers come back in input order with per-file and total usage, and each
 * file's typed per-call `locals` (its `analyzedFile` path, and what the plugins wrote about
 * its call, such as the cache status). `onFile` sees each file as it settles.
 *
 * @example
 * ```ts
 * const { files, usage } = await analyzeFiles(host, ['src/a.ts', 'src/b.ts'],
 *   'List the exported functions.', { model: 'gpt-4o-mini', concurrency: 4 });
 * for (const file of files) console.log(file.path, file.locals.cache, file.answer ?? file.error);
 * ```
 */
export async function analyzeFiles(
  host: Host,
  paths: readonly string[],
  prompt: string,
  options: AnalyzeFilesOptions,
): Promise<FilesAnalysis> {
  checkArguments(paths, prompt, options);
  const started = performance.now();
  const files = await map(
    paths,
    async (path, _index, { signal }) => {
      const file = await analyzeOne(host, path, prompt, options, signal);
      options.onFile?.(file);
      return file;
    },
    {
      concurrency: options.concurrency ?? 8,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    },
  );
  return totals(files, performance.now() - started);
}
