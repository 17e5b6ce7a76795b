import { checkKnownKeys, type KnownKeys, knownKeys } from '@hotpath/protocol';
import type { AnalyzeFilesOptions } from './analyze-files.ts';
import { HostArgumentError } from './errors.ts';
import type { HostOptions } from './host.ts';
import type { RunToolsOptions } from './run-tools.ts';

/** The keys of {@link HostOptions}. */
export const HOST_OPTIONS: KnownKeys = knownKeys<HostOptions>({
  plugins: true,
  config: true,
  provider: true,
  setupTimeoutMs: true,
  teardownTimeoutMs: true,
});

/** The keys of {@link RunToolsOptions}. */
export const RUN_TOOLS_OPTIONS: KnownKeys = knownKeys<RunToolsOptions>({
  concurrency: true,
  signal: true,
  locals: true,
});

/** The keys of {@link AnalyzeFilesOptions}. */
export const ANALYZE_FILES_OPTIONS: KnownKeys = knownKeys<AnalyzeFilesOptions>({
  model: true,
  temperature: true,
  concurrency: true,
  readFile: true,
  signal: true,
  onFile: true,
});

/**
 * Rejects a key `known` does not list, naming the new spelling of an old one
 * (`setupTimeout` → `setupTimeoutMs`); `fn` names the function in the message. Runs once per
 * host, `runTools` or `analyzeFiles` call, never per model call.
 */
export function checkKeys(fn: string, options: unknown, known: KnownKeys): void {
  if (typeof options !== 'object' || options === null) return;
  checkKnownKeys(options, known, 'options', (m) => new HostArgumentError(`${fn}: ${m}`));
}
