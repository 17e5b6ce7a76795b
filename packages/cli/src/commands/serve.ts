import { CONFIG_FILES, loadConfig, startGateway } from '@hotpath/gateway';
import type { CliIo, Command, FlagValues } from '../command.ts';
import { numberFlag, stringFlag } from '../flags.ts';
import { untilAborted } from '../until-aborted.ts';

const HELP = `Usage: hotpath serve [flags]

Starts the hotpath gateway: an OpenAI-compatible server (POST /v1/chat/completions, streaming or
not, POST /v1/embeddings, GET /v1/models, /health, /metrics) in front of the upstreams in your
config, with caching, shared in-flight calls, rate limits and fallback. Point any OpenAI client at
<url>/v1. Stops on Ctrl-C / SIGTERM after the calls and streams in flight finish.

Flags:
  --config <file>   config file (${CONFIG_FILES.join(', ')})      default: the first found in the working directory
  --port <n>        port to listen on (0 = any free port)         default 8080
  --host <addr>     interface to bind                             default 127.0.0.1
  --redis <url>     shared cache, L1 invalidation bus and shared rate limits, for many instances
  -h, --help        show this help

See the @hotpath/gateway README for the config reference and for deploying on many machines.`;

async function serve(values: FlagValues, io: CliIo): Promise<number> {
  const config = await loadConfig(stringFlag(values, 'config'), { cwd: io.cwd ?? process.cwd() });
  const redis = stringFlag(values, 'redis');
  const gateway = await startGateway(config, {
    host: stringFlag(values, 'host') ?? '127.0.0.1',
    port: numberFlag(values, 'port', 'serve', { min: 0, max: 65535, integer: true }) ?? 8080,
    ...(redis === undefined ? {} : { redis }),
  });
  io.stdout.write(
    `hotpath gateway listening on ${gateway.url}  (OpenAI base URL: ${gateway.url}/v1)\n`,
  );
  await untilAborted(io.signal);
  io.stderr.write('hotpath gateway: draining calls in flight…\n');
  await gateway.close();
  io.stderr.write('hotpath gateway stopped\n');
  return 0;
}

/** `hotpath serve`: runs the OpenAI-compatible gateway until SIGINT/SIGTERM (or the io's signal). */
export const serveCommand: Command = {
  name: 'serve',
  summary:
    'start the OpenAI-compatible gateway (cache, shared in-flight calls, rate limits, fallback)',
  help: HELP,
  options: {
    config: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    redis: { type: 'string' },
  },
  run: ({ values }, io) => serve(values, io),
};
