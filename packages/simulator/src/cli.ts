#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { FAULT_MODES, type FaultMode, type SimulatorOptions } from './options.ts';
import { startSimulator } from './simulator.ts';

const USAGE = `Usage: hotpath-sim [options]

An OpenAI-, Anthropic- and Ollama-compatible upstream for tests and benchmarks.

Options:
  --port <n>            port to listen on (0 = any free port)         default 8787
  --host <addr>         interface to bind                             default 127.0.0.1
  --ttft <ms>           time to first token                           default 200
  --tps <n>             tokens per second ("Infinity" = no pacing)    default 50
  --jitter <0..1>       spread of the gaps between tokens             default 0
  --tokens <n>          length of an answer in tokens                 default 32
  --reasoning <n>       reasoning tokens before each answer           default 0
  --seed <n>            seed of answers, embeddings and fault draws   default 0
  --fault <mode>        inject one fault into every request (${FAULT_MODES.join(', ')})
  --fault-rate <0..1>   fraction of requests that get a random fault  default 0
  -h, --help            show this help`;

function numberFlag(
  values: Record<string, string | boolean | undefined>,
  name: string,
): number | undefined {
  const raw = values[name];
  if (typeof raw !== 'string') return undefined;
  const value = raw.toLowerCase() === 'infinity' ? Infinity : Number(raw);
  if (raw.trim() === '' || Number.isNaN(value))
    throw new TypeError(`--${name} must be a number, got "${raw}"`);
  return value;
}

function optionsFrom(values: Record<string, string | boolean | undefined>): SimulatorOptions {
  const fault = values.fault as FaultMode | undefined;
  const options: Record<string, unknown> = {
    port: numberFlag(values, 'port') ?? 8787,
    host: (values.host as string | undefined) ?? '127.0.0.1',
    ttftMs: numberFlag(values, 'ttft') ?? 200,
    tokensPerSecond: numberFlag(values, 'tps') ?? 50,
    jitter: numberFlag(values, 'jitter'),
    responseTokens: numberFlag(values, 'tokens'),
    reasoningTokens: numberFlag(values, 'reasoning'),
    seed: numberFlag(values, 'seed'),
    fault,
    faultRate: numberFlag(values, 'fault-rate'),
  };
  return Object.fromEntries(
    Object.entries(options).filter(([, v]) => v !== undefined),
  ) as SimulatorOptions;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      ttft: { type: 'string' },
      tps: { type: 'string' },
      jitter: { type: 'string' },
      tokens: { type: 'string' },
      reasoning: { type: 'string' },
      seed: { type: 'string' },
      fault: { type: 'string' },
      'fault-rate': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const sim = await startSimulator(optionsFrom(values));
  console.log(`hotpath-sim listening on ${sim.url}`);
  const stop = (): void => {
    sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  console.error(`\n${USAGE}`);
  process.exit(1);
});
