// The gateway side of the gateway soak (`gateway-soak.ts`): `@hotpath/gateway` in its own
// process, as `hotpath serve` runs it, with `@hotpath/memory`'s leak detector sampling this
// process's heap. Each detector iteration asks the driver, over IPC, to send one batch of
// requests and waits until they are answered; after each round the detector forces a GC here and
// reads this heap. `--leak` adds a plugin that keeps every request, to prove the detector sees a leak.
import { subscribe } from 'node:diagnostics_channel';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import v8 from 'node:v8';
import { startGateway } from '@hotpath/gateway';
import { detectLeak, type LeakReport } from '@hotpath/memory';

/** What the driver sends to start the measured run. */
export interface SoakPlan {
  readonly iterations: number;
  readonly rounds: number;
  readonly warmupRounds: number;
  readonly minBytesPerIteration: number;
}

/** What this process reports when the detector is done. */
export interface ChildReport {
  readonly leak: LeakReport;
  readonly heapStart: number;
  readonly heapEnd: number;
}

// V8's compiled code and bytecode: they grow while the JIT settles on the mix; a leak of
// application objects is in the other spaces (see soak.ts).
const CODE_SPACES: ReadonlySet<string> = new Set([
  'code_space',
  'code_large_object_space',
  'trusted_space',
  'trusted_large_object_space',
  'shared_trusted_space',
  'shared_trusted_large_object_space',
]);

function objectSpaces(): number {
  let bytes = 0;
  for (const space of v8.getHeapSpaceStatistics()) {
    if (!CODE_SPACES.has(space.space_name)) bytes += space.space_used_size;
  }
  return bytes;
}

const [simUrl, l1, flag] = process.argv.slice(2);
if (simUrl === undefined || l1 === undefined)
  throw new Error('usage: gateway-soak-child.ts <simulator url> <L1 entries> [--leak]');
const kept: unknown[] = [];
const dir = mkdtempSync(join(tmpdir(), 'hotpath-gateway-soak-'));
const gateway = await startGateway({
  upstreams: { sim: { type: 'openai', baseURL: `${simUrl}/v1` } },
  models: { 'sim-small': 'sim' },
  cache: { path: join(dir, 'cache.sqlite'), maxEntries: Number(l1) },
  maxConnections: 4_096,
});
// The injected leak: every answered call's event kept forever, as a careless logger would.
if (flag === '--leak')
  subscribe('hotpath:gateway:response', (event) => kept.push({ event, at: kept.length }));

let answered: ((index: number) => void) | undefined;
/** One detector iteration: the driver sends batch `index` and says when it is answered. */
function batch(index: number): Promise<void> {
  return new Promise((resolve) => {
    answered = (done) => {
      if (done === index) resolve();
    };
    process.send?.({ batch: index });
  });
}

async function measure(plan: SoakPlan): Promise<void> {
  const leak = await detectLeak(batch, { ...plan, sample: objectSpaces });
  const report: ChildReport = {
    leak,
    heapStart: leak.samples[0] ?? 0,
    heapEnd: leak.samples.at(-1) ?? 0,
  };
  process.send?.({ report });
}

process.on('message', (message: { plan?: SoakPlan; done?: number } | 'close') => {
  if (message === 'close') {
    void gateway.close().then(() => {
      rmSync(dir, { recursive: true, force: true });
      process.disconnect?.();
    });
    return;
  }
  if (message.plan !== undefined) void measure(message.plan);
  if (message.done !== undefined) answered?.(message.done);
});
process.send?.({ url: gateway.url });
