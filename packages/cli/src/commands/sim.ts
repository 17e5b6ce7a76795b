import {
  FAULT_MODES,
  type FaultMode,
  type SimulatorOptions,
  startSimulator,
} from '@hotpath/simulator';
import type { CliIo, Command, FlagValues } from '../command.ts';
import { CliUsageError } from '../errors.ts';
import { defined, numberFlag, stringFlag } from '../flags.ts';
import { untilAborted } from '../until-aborted.ts';

const HELP = `Usage: hotpath sim [flags]

Starts @hotpath/simulator: an OpenAI-, Anthropic- and Ollama-compatible upstream with realistic
latency, for trying hotpath (or any LLM client) without an API key. Stops on Ctrl-C / SIGTERM.

Flags:
  --port <n>            port to listen on (0 = any free port)         default 8787
  --host <addr>         interface to bind                             default 127.0.0.1
  --ttft-ms <ms>        time to first token                           default 300
  --tps <n>             tokens per second ("Infinity" = no pacing)    default 50
  --jitter <0..1>       spread of the gaps between tokens             default 0
  --tokens <n>          length of an answer in tokens                 default 32
  --reasoning <n>       reasoning tokens before each answer           default 0
  --seed <n>            seed of answers, embeddings and fault draws   default 0
  --fault <mode>        inject one fault into every request: ${FAULT_MODES.join(', ')}
  --fault-rate <0..1>   fraction of requests that get a random fault  default 0
  --rpm <n>             requests per minute before a real 429         default 1000000
  --tpm <n>             tokens per minute before a real 429           default 1000000000
  -h, --help            show this help

Endpoints: POST /v1/chat/completions, /v1/embeddings, GET /v1/models (OpenAI),
POST /v1/messages (Anthropic), POST /api/chat, /api/embed, GET /api/tags (Ollama).`;

function faultOf(values: FlagValues): FaultMode | undefined {
  const fault = stringFlag(values, 'fault');
  if (fault === undefined || (FAULT_MODES as readonly string[]).includes(fault)) {
    return fault as FaultMode | undefined;
  }
  throw new CliUsageError(
    `--fault must be one of ${FAULT_MODES.join(', ')}, got "${fault}"`,
    'sim',
  );
}

function rateLimitOf(values: FlagValues): SimulatorOptions['rateLimit'] {
  const bounds = { min: 1, max: Number.MAX_SAFE_INTEGER, integer: true };
  const rateLimit = defined<NonNullable<SimulatorOptions['rateLimit']>>({
    requests: numberFlag(values, 'rpm', 'sim', bounds),
    tokens: numberFlag(values, 'tpm', 'sim', bounds),
  });
  return Object.keys(rateLimit).length === 0 ? undefined : rateLimit;
}

/** The simulator options the flags ask for. */
export function simulatorOptions(values: FlagValues): SimulatorOptions {
  const count = { min: 0, max: 1_000_000, integer: true };
  return defined<SimulatorOptions>({
    port: numberFlag(values, 'port', 'sim', { min: 0, max: 65535, integer: true }) ?? 8787,
    host: stringFlag(values, 'host') ?? '127.0.0.1',
    ttftMs: numberFlag(values, 'ttft-ms', 'sim', { min: 0, max: 3_600_000 }) ?? 300,
    tokensPerSecond: numberFlag(values, 'tps', 'sim', { min: 0.001, max: Infinity }) ?? 50,
    jitter: numberFlag(values, 'jitter', 'sim', { min: 0, max: 1 }),
    responseTokens: numberFlag(values, 'tokens', 'sim', count),
    reasoningTokens: numberFlag(values, 'reasoning', 'sim', count),
    seed: numberFlag(values, 'seed', 'sim', { min: 0, max: 2 ** 32 - 1, integer: true }),
    fault: faultOf(values),
    faultRate: numberFlag(values, 'fault-rate', 'sim', { min: 0, max: 1 }),
    rateLimit: rateLimitOf(values),
  });
}

async function serve(values: FlagValues, io: CliIo): Promise<number> {
  const sim = await startSimulator(simulatorOptions(values));
  try {
    io.stdout.write(`hotpath sim listening on ${sim.url}\n`);
    io.stdout.write(
      `  OpenAI-compatible base URL: ${sim.url}/v1  (models: sim-small, sim-large, sim-embed)\n`,
    );
    io.stdout.write(`  Anthropic base URL: ${sim.url}  Ollama base URL: ${sim.url}\n`);
    await untilAborted(io.signal);
  } finally {
    await sim.close();
  }
  io.stderr.write(`hotpath sim stopped after ${sim.stats().requests} requests\n`);
  return 0;
}

/** `hotpath sim`: runs the upstream simulator until SIGINT/SIGTERM (or the io's signal). */
export const simCommand: Command = {
  name: 'sim',
  summary: 'start @hotpath/simulator, an OpenAI/Anthropic/Ollama-compatible upstream',
  help: HELP,
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'ttft-ms': { type: 'string' },
    tps: { type: 'string' },
    jitter: { type: 'string' },
    tokens: { type: 'string' },
    reasoning: { type: 'string' },
    seed: { type: 'string' },
    fault: { type: 'string' },
    'fault-rate': { type: 'string' },
    rpm: { type: 'string' },
    tpm: { type: 'string' },
  },
  run: ({ values }, io) => serve(values, io),
};
