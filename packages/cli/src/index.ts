import '@hotpath/protocol/assert-node';

export { cliVersion, mainHelp, runCli } from './cli.ts';
export type {
  CliIo,
  Command,
  CommandInput,
  FlagValues,
  OutputStream,
} from './command.ts';
export { COMMANDS } from './commands/index.ts';
export type { DemoPrice } from './demo/hotpath-mode.ts';
export { renderDemoReport, writeDemoReport } from './demo/html-report.ts';
export type { ModeFigures, StartupFigures } from './demo/measure.ts';
export type { DemoFile, FileRun, ModeName, ModeRun } from './demo/mode-run.ts';
export {
  DEMO_PRICE,
  DEMO_PROMPT,
  type DemoOptions,
  type DemoResult,
  runDemo,
  SAME_QUESTION_PROMPT,
} from './demo/run-demo.ts';
export type { SameQuestion } from './demo/sequential.ts';
export { type DemoRow, demoRows, renderDemoTable } from './demo/table.ts';
export {
  DEMO_SIMULATOR,
  type ProviderKind,
  selectUpstream,
  type Upstream,
} from './demo/upstream.ts';
export { CliArgumentError, CliUsageError, DemoNoFilesError, DemoUpstreamError } from './errors.ts';
