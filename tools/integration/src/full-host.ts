import { createHost, type Host, type HostOptions, type PluginEntry } from '@hotpath/host';
import { type OpenAIProviderOptions, openaiPlugin } from '@hotpath/plugin-openai';
import type { CompletionRequest } from '@hotpath/protocol';
import { type Simulator, type SimulatorOptions, startSimulator } from '@hotpath/simulator';
import {
  type RecordedRequest,
  type RecordingProxy,
  startRecordingProxy,
} from './recording-proxy.ts';

/** Options of {@link startFullHost}. */
export interface FullHostOptions {
  /** Feature plugins; the OpenAI provider plugin pointed at the simulator is added to them. */
  readonly plugins?: readonly PluginEntry[];
  /** Options of the simulator (always on a free port). @default {} */
  readonly simulator?: Omit<SimulatorOptions, 'port'>;
  /** Options of the OpenAI provider plugin besides `baseURL`. @default { apiKey: 'sk-integration' } */
  readonly openai?: Omit<OpenAIProviderOptions, 'baseURL'>;
  /** Put a {@link RecordingProxy} between the provider and the simulator. @default false */
  readonly record?: boolean;
  /** Host options besides `plugins` and `provider`. */
  readonly host?: Omit<HostOptions, 'plugins' | 'provider'>;
  /** Model of {@link FullHost.request}. @default 'sim-small' */
  readonly model?: string;
  /** Wait for `host.ready()` before resolving. @default true */
  readonly ready?: boolean;
}

/** A host with the OpenAI provider plugin talking HTTP to a simulator. */
export interface FullHost extends AsyncDisposable {
  readonly host: Host;
  readonly sim: Simulator;
  /** What reached the upstream, when `record` was set (else always empty). */
  readonly recorded: readonly RecordedRequest[];
  /** A one-message deterministic (temperature 0) request, with `overrides` applied. */
  request(text: string, overrides?: Partial<CompletionRequest>): CompletionRequest;
  /** Closes the host (every teardown), then the proxy and the simulator. */
  close(): Promise<void>;
}

/** Runs every closer even when one fails, and rethrows the first failure. */
async function closeAll(closers: readonly (() => Promise<void> | undefined)[]): Promise<void> {
  let failure: { error: unknown } | undefined;
  for (const close of closers) {
    try {
      await close();
    } catch (error) {
      failure ??= { error };
    }
  }
  if (failure) throw failure.error;
}

/**
 * Starts `@hotpath/simulator` on a free port (optionally behind a recording proxy) and a host
 * whose `provider` service comes from the real `openaiPlugin`, plus `plugins`. If `ready()`
 * fails, everything started is closed and the host's error is rethrown.
 */
export async function startFullHost(options: FullHostOptions = {}): Promise<FullHost> {
  const sim = await startSimulator({ ...options.simulator, port: 0 });
  const proxy: RecordingProxy | undefined = options.record
    ? await startRecordingProxy(sim.url)
    : undefined;
  const baseURL = `${proxy?.url ?? sim.url}/v1`;
  const provider = openaiPlugin({ apiKey: 'sk-integration', ...options.openai, baseURL });
  const host = createHost({ ...options.host, plugins: [provider, ...(options.plugins ?? [])] });
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= closeAll([() => host.close(), () => proxy?.close(), () => sim.close()]);
    return closing;
  };
  if (options.ready !== false) await host.ready().catch((error: unknown) => failed(close, error));
  const model = options.model ?? 'sim-small';
  return {
    host,
    sim,
    recorded: proxy?.requests ?? [],
    request: (text, overrides = {}) => ({
      model,
      temperature: 0,
      messages: [{ role: 'user', content: text }],
      ...overrides,
    }),
    close,
    [Symbol.asyncDispose]: close,
  };
}

async function failed(close: () => Promise<void>, error: unknown): Promise<never> {
  await close().catch(() => {});
  throw error;
}
