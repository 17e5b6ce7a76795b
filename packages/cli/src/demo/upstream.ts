import { type SimulatorOptions, startSimulator } from '@hotpath/simulator';
import { CliArgumentError } from '../errors.ts';

/** The wire protocols the demo speaks. */
export type ProviderKind = 'openai' | 'anthropic';

/** The LLM endpoint the demo talks to: the embedded simulator or a real one. */
export interface Upstream extends AsyncDisposable {
  readonly provider: ProviderKind;
  /**
   * The API root: an OpenAI-compatible root ending in `/v1` (requests go to `/chat/completions`),
   * or Anthropic's root without `/v1` (requests go to `/v1/messages`).
   */
  readonly baseURL: string;
  /** Never printed. */
  readonly apiKey: string | undefined;
  readonly model: string;
  /** True when the demo started `@hotpath/simulator` itself. */
  readonly embedded: boolean;
  /** What the output says about the upstream, e.g. `embedded @hotpath/simulator (…)`. */
  readonly label: string;
  /** Stops the embedded simulator; nothing to do for a real upstream. */
  close(): Promise<void>;
}

/** Latency of the embedded simulator: about 300 ms to first token, then 50 tokens/s. */
export const DEMO_SIMULATOR: Readonly<SimulatorOptions> = Object.freeze({
  ttftMs: 300,
  tokensPerSecond: 50,
  responseTokens: 24,
  jitter: 0.2,
  seed: 1,
});

const DEFAULT_MODELS: Readonly<Record<ProviderKind, string>> = {
  openai: 'gpt-4o-mini',
  anthropic: 'claude-3-5-haiku-latest',
};

function providerOf(env: NodeJS.ProcessEnv, baseURL: string): ProviderKind {
  const named = env.HOTPATH_PROVIDER;
  if (named === 'openai' || named === 'anthropic') return named;
  if (named !== undefined && named !== '') {
    throw new CliArgumentError('HOTPATH_PROVIDER', '"openai" or "anthropic"', named);
  }
  return /anthropic/i.test(new URL(baseURL).hostname) ? 'anthropic' : 'openai';
}

function checkUrl(baseURL: string): string {
  try {
    const url = new URL(baseURL);
    if (url.protocol === 'http:' || url.protocol === 'https:') return baseURL.replace(/\/+$/, '');
  } catch {
    // Reported below with the variable's name.
  }
  throw new CliArgumentError('HOTPATH_BASE_URL', 'an http(s) URL', baseURL);
}

function realUpstream(env: NodeJS.ProcessEnv, given: string): Upstream {
  const url = checkUrl(given);
  const provider = providerOf(env, url);
  const bare = new URL(url).pathname === '/';
  // An OpenAI-compatible root without a path means its /v1 API; Anthropic's root has no /v1.
  const baseURL = provider === 'anthropic' ? url.replace(/\/v1$/, '') : bare ? `${url}/v1` : url;
  const apiKey =
    env.HOTPATH_API_KEY ?? (provider === 'anthropic' ? env.ANTHROPIC_API_KEY : env.OPENAI_API_KEY);
  const model = env.HOTPATH_MODEL || DEFAULT_MODELS[provider];
  const api = provider === 'anthropic' ? 'Anthropic' : 'OpenAI-compatible';
  const close = (): Promise<void> => Promise.resolve();
  return {
    provider,
    baseURL,
    apiKey,
    model,
    embedded: false,
    label: `${api} upstream ${baseURL}, model ${model}`,
    close,
    [Symbol.asyncDispose]: close,
  };
}

function describeLatency(options: SimulatorOptions): string {
  const tps = options.tokensPerSecond ?? Infinity;
  const rate = Number.isFinite(tps) ? `${tps} tokens/s` : 'unpaced tokens';
  return `${options.ttftMs ?? 0} ms to first token, ${rate}, ${options.responseTokens ?? 32}-token answers`;
}

async function embeddedUpstream(options: SimulatorOptions): Promise<Upstream> {
  const settings = { ...DEMO_SIMULATOR, ...options };
  const sim = await startSimulator(settings);
  const close = (): Promise<void> => sim.close();
  return {
    provider: 'openai',
    baseURL: `${sim.url}/v1`,
    apiKey: undefined,
    model: 'sim-small',
    embedded: true,
    label: `embedded @hotpath/simulator at ${sim.url} (${describeLatency(settings)})`,
    close,
    [Symbol.asyncDispose]: close,
  };
}

/**
 * Picks the demo's upstream: `HOTPATH_BASE_URL` (with `HOTPATH_API_KEY`, `HOTPATH_MODEL` and
 * `HOTPATH_PROVIDER`, else inferred from the URL's host name) names a real endpoint; without it
 * the demo starts `@hotpath/simulator` in-process with {@link DEMO_SIMULATOR} latency, overridden
 * by `simulator`.
 */
export async function selectUpstream(
  env: NodeJS.ProcessEnv,
  simulator: SimulatorOptions = {},
): Promise<Upstream> {
  const baseURL = env.HOTPATH_BASE_URL;
  if (baseURL !== undefined && baseURL !== '') return realUpstream(env, baseURL);
  return embeddedUpstream(simulator);
}
