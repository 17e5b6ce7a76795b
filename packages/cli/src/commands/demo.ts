import { resolve } from 'node:path';
import type { SimulatorOptions } from '@hotpath/simulator';
import type { CliIo, Command, FlagValues } from '../command.ts';
import { writeDemoReport } from '../demo/html-report.ts';
import { DEMO_PRICE, type DemoOptions, runDemo } from '../demo/run-demo.ts';
import { renderDemoTable } from '../demo/table.ts';
import { defined, numberFlag, stringFlag } from '../flags.ts';

const HELP = `Usage: hotpath demo [flags]

Analyses N source files with an LLM three ways and prints the before/after table:
  1. before: sequential, a new connection per call, no cache
  2. hotpath cold: parallel, pooled, deduplicated, token-budgeted, rate-limited
  3. hotpath warm: the same again, answered from the cache
Without HOTPATH_BASE_URL it starts @hotpath/simulator in-process (300 ms to first token, 50 tokens/s).

Flags:
  --files <n>           how many files to analyse                     default 10
  --dir <path>          folder to take them from       default this repo's packages/ (else .)
  --concurrency <n>     files analysed at once by hotpath             default 8
  --callers <n>         callers asking the same question at once      default 5
  --report <path>       where to write the HTML report                default .hotpath/report.html
  --no-report           write no HTML report
  --json                print the figures as JSON instead of the table
  --ttft-ms <ms>        embedded simulator: time to first token       default 300
  --tps <n>             embedded simulator: tokens per second         default 50
  --tokens <n>          embedded simulator: answer length in tokens   default 24
  --price-input <usd>   USD per million input tokens                  default ${DEMO_PRICE.inputPerMillion}
  --price-output <usd>  USD per million output tokens                 default ${DEMO_PRICE.outputPerMillion}
  -h, --help            show this help

Environment:
  HOTPATH_BASE_URL      a real endpoint instead of the simulator (OpenAI-compatible: ends in /v1)
  HOTPATH_API_KEY       its API key (else OPENAI_API_KEY / ANTHROPIC_API_KEY)
  HOTPATH_MODEL         the model (default gpt-4o-mini, or claude-3-5-haiku-latest)
  HOTPATH_PROVIDER      openai | anthropic (default: anthropic when the host name says so)`;

function simulatorOf(values: FlagValues): SimulatorOptions {
  return defined<SimulatorOptions>({
    ttftMs: numberFlag(values, 'ttft-ms', 'demo', { min: 0, max: 600_000 }),
    tokensPerSecond: numberFlag(values, 'tps', 'demo', { min: 0.001, max: Infinity }),
    responseTokens: numberFlag(values, 'tokens', 'demo', { min: 1, max: 100_000, integer: true }),
  });
}

function demoOptions(values: FlagValues, io: CliIo): DemoOptions {
  const usd = { min: 0, max: 1_000_000 };
  const price = {
    inputPerMillion: numberFlag(values, 'price-input', 'demo', usd) ?? DEMO_PRICE.inputPerMillion,
    outputPerMillion:
      numberFlag(values, 'price-output', 'demo', usd) ?? DEMO_PRICE.outputPerMillion,
  };
  return defined<DemoOptions>({
    files: numberFlag(values, 'files', 'demo', { min: 1, max: 1000, integer: true }),
    dir: stringFlag(values, 'dir'),
    concurrency: numberFlag(values, 'concurrency', 'demo', { min: 1, max: 256, integer: true }),
    callers: numberFlag(values, 'callers', 'demo', { min: 1, max: 100, integer: true }),
    price,
    simulator: simulatorOf(values),
    env: io.env,
    cwd: io.cwd,
    signal: io.signal,
    progress: io.stderr,
  });
}

/** `hotpath demo`: the before/after table, an HTML report, or the figures as JSON. */
export const demoCommand: Command = {
  name: 'demo',
  summary:
    'analyse N files three ways (sequential, hotpath cold, warm) and print the before/after table',
  help: HELP,
  options: {
    files: { type: 'string' },
    dir: { type: 'string' },
    concurrency: { type: 'string' },
    callers: { type: 'string' },
    report: { type: 'string' },
    'no-report': { type: 'boolean' },
    json: { type: 'boolean' },
    'ttft-ms': { type: 'string' },
    tps: { type: 'string' },
    tokens: { type: 'string' },
    'price-input': { type: 'string' },
    'price-output': { type: 'string' },
  },
  async run({ values }, io) {
    const options = demoOptions(values, io);
    const result = await runDemo(options);
    const cwd = io.cwd ?? process.cwd();
    const reportPath =
      values['no-report'] === true
        ? undefined
        : await writeDemoReport(
            result,
            resolve(cwd, stringFlag(values, 'report') ?? '.hotpath/report.html'),
          );
    if (values.json === true) {
      io.stdout.write(
        `${JSON.stringify({ ...result, reportPath: reportPath ?? null }, null, 2)}\n`,
      );
      return 0;
    }
    io.stdout.write(`${renderDemoTable(result)}\n`);
    if (reportPath !== undefined) io.stdout.write(`\nreport: ${reportPath}\n`);
    return 0;
  },
};
