import {
  createHost,
  type Host,
  HostArgumentError,
  type HostOptions,
  type PluginEntry,
} from '@hotpath/host';
import { createOpenAIProvider } from '@hotpath/plugin-openai';
import {
  type CompletionRequest,
  checkKnownKeys,
  describeValue,
  type KnownKeys,
  knownKeys,
  type Provider,
} from '@hotpath/protocol';
import { type Simulator, type SimulatorOptions, startSimulator } from '@hotpath/simulator';

/** Options for {@link createTestHost}. */
export interface TestHostOptions {
  /** The plugins under test, in any order; the host orders them by their dependencies. */
  readonly plugins?: readonly PluginEntry[];
  /** Configuration per plugin name, passed to each plugin's `setup` as `context.config`. */
  readonly config?: HostOptions['config'];
  /** Options of the simulator upstream (`port` is always 0). @default {} */
  readonly simulator?: Omit<SimulatorOptions, 'port'>;
  /** Model that {@link TestHost.request} asks for. @default 'sim-small' */
  readonly model?: string;
  /** Longest a plugin's setup may take. @default 10000 */
  readonly setupTimeoutMs?: number;
  /** Longest one teardown may take when the host closes. @default 5000 */
  readonly teardownTimeoutMs?: number;
}

/** A ready host wired to a simulator, and what it takes to close both. */
export interface TestHost extends AsyncDisposable {
  /** The host, already `ready()`. */
  readonly host: Host;
  /** The simulator the provider talks to: read `sim.stats()` to count upstream requests. */
  readonly sim: Simulator;
  /** The OpenAI-compatible provider calls end at. */
  readonly provider: Provider;
  /** The default model. */
  readonly model: string;
  /** A one-message completion request for {@link TestHost.model}, with `overrides` applied. */
  request(text: string, overrides?: Partial<CompletionRequest>): CompletionRequest;
  /** Closes the host (running every teardown), then the provider's pool, then the simulator. */
  close(): Promise<void>;
}

const OPTIONS: KnownKeys = knownKeys<TestHostOptions>({
  plugins: true,
  config: true,
  simulator: true,
  model: true,
  setupTimeoutMs: true,
  teardownTimeoutMs: true,
});

/** Bad options get the host's own argument error, `HostArgumentError`, as `createHost` gives. */
function checkOptions(options: unknown): asserts options is TestHostOptions {
  if (typeof options !== 'object' || options === null) {
    throw new HostArgumentError(
      `createTestHost(options): expected an object, got ${describeValue(options)}`,
    );
  }
  checkKnownKeys(
    options,
    OPTIONS,
    'options',
    (m) => new HostArgumentError(`createTestHost(): ${m}`),
  );
  const { plugins } = options as TestHostOptions;
  if (plugins !== undefined && !Array.isArray(plugins)) {
    throw new HostArgumentError(
      'createTestHost(options): options.plugins must be an array of plugins',
    );
  }
}

/** Runs every closer, even when some fail, and rethrows the first failure. */
async function closeAll(closers: readonly (() => Promise<void>)[]): Promise<void> {
  const results = [];
  for (const close of closers)
    results.push(
      await close().then(
        () => undefined,
        (e) => ({ e }),
      ),
    );
  const failure = results.find((result) => result !== undefined);
  if (failure) throw failure.e;
}

function hostOptions(options: TestHostOptions, provider: Provider): HostOptions {
  return {
    provider,
    plugins: options.plugins ?? [],
    ...(options.config ? { config: options.config } : {}),
    ...(options.setupTimeoutMs !== undefined ? { setupTimeoutMs: options.setupTimeoutMs } : {}),
    ...(options.teardownTimeoutMs !== undefined
      ? { teardownTimeoutMs: options.teardownTimeoutMs }
      : {}),
  };
}

/**
 * Starts `@hotpath/simulator` on a free port, creates a host whose provider is the
 * OpenAI-compatible provider pointed at it, adds `plugins`, and waits for `ready()`.
 * If a setup fails, everything started is closed and the host's error is rethrown.
 *
 * @example
 * ```ts
 * const t = await createTestHost({ plugins: [myPlugin()] });
 * afterEach(() => t.close());
 * const answer = await t.host.complete(t.request('hello'));
 * expect(t.sim.requests[0]?.body).toMatchObject({ model: 'sim-small' });
 * ```
 */
export async function createTestHost(options: TestHostOptions = {}): Promise<TestHost> {
  checkOptions(options);
  const sim = await startSimulator({ ...options.simulator, port: 0 });
  const provider = createOpenAIProvider({ baseURL: `${sim.url}/v1`, apiKey: 'sk-test' });
  const host = createHost(hostOptions(options, provider));
  const close = (): Promise<void> =>
    closeAll([() => host.close(), () => provider.close(), () => sim.close()]);
  try {
    await host.ready();
  } catch (error) {
    await close().catch(() => {});
    throw error;
  }
  return testHost(host, sim, provider, options.model ?? 'sim-small', close);
}

function testHost(
  host: Host,
  sim: Simulator,
  provider: Provider,
  model: string,
  close: () => Promise<void>,
): TestHost {
  let closing: Promise<void> | undefined;
  const once = (): Promise<void> => {
    closing ??= close();
    return closing;
  };
  return {
    host,
    sim,
    provider,
    model,
    request: (text, overrides = {}) => ({
      model,
      messages: [{ role: 'user', content: text }],
      ...overrides,
    }),
    close: once,
    [Symbol.asyncDispose]: once,
  };
}
