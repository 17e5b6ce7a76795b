import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Simulator, type SimulatorOptions, startSimulator } from '@hotpath/simulator';
import OpenAI from 'openai';
import {
  type Gateway,
  type GatewayConfig,
  type StartGatewayOptions,
  startGateway,
} from '../src/index.ts';

/** A simulator, a gateway in front of it, and an OpenAI client pointed at the gateway. */
export interface Rig extends AsyncDisposable {
  readonly sim: Simulator;
  readonly gateway: Gateway;
  readonly client: OpenAI;
  readonly dir: string;
}

/** The config of a gateway serving the simulator's models through one OpenAI upstream. */
export function simConfig(
  sim: Simulator,
  dir: string,
  extra: Partial<GatewayConfig> = {},
): GatewayConfig {
  return {
    upstreams: { sim: { type: 'openai', baseURL: `${sim.url}/v1` } },
    models: { 'sim-small': 'sim', 'sim-embed': 'sim' },
    cache: { path: join(dir, 'cache.sqlite') },
    ...extra,
  };
}

export async function startRig(
  options: {
    sim?: SimulatorOptions;
    config?: Partial<GatewayConfig>;
    gateway?: StartGatewayOptions;
  } = {},
): Promise<Rig> {
  const dir = mkdtempSync(join(tmpdir(), 'hotpath-gateway-'));
  const sim = await startSimulator(options.sim);
  const gateway = await startGateway(simConfig(sim, dir, options.config), options.gateway);
  const client = new OpenAI({
    baseURL: `${gateway.url}/v1`,
    apiKey: 'sk-test-client-key',
    maxRetries: 0,
  });
  return {
    sim,
    gateway,
    client,
    dir,
    async [Symbol.asyncDispose]() {
      await gateway.close();
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const hello = [{ role: 'user' as const, content: 'Say hello' }];

/** A gateway in a child process (see `gateway-child.ts`). */
export interface GatewayChild extends AsyncDisposable {
  readonly url: string;
  /** HTTP requests the child's server received. */
  requests(): Promise<number>;
}

/** Starts `gateway-child.ts` in front of `simUrl`, with `config` merged into its config. */
export async function startGatewayChild(
  simUrl: string,
  config: Partial<GatewayConfig> = {},
): Promise<GatewayChild> {
  const child = fork(
    new URL('./gateway-child.ts', import.meta.url),
    [simUrl, JSON.stringify(config)],
    {
      execArgv: ['--conditions=@hotpath/source'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const next = async <T>(field: string): Promise<T> => {
    for (;;) {
      const [message] = (await once(child, 'message')) as [Record<string, unknown>];
      if (field in message) return message[field] as T;
    }
  };
  const url = await next<string>('url');
  return {
    url,
    requests: () => {
      child.send('requests');
      return next<number>('requests');
    },
    async [Symbol.asyncDispose]() {
      const exited = once(child, 'exit');
      child.send('close');
      await exited;
    },
  };
}
