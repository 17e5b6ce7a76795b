import '@hotpath/protocol/assert-node';

export { BENCH_CHANNELS } from './channels.ts';
export { type CliIo, runCli } from './cli-main.ts';
export {
  type BenchmarkComparison,
  type BenchmarkVerdict,
  type CompareOptions,
  type CompareReport,
  type CompareStatus,
  compareScenarios,
  type ScenarioPair,
} from './compare.ts';
export { discoverBenchFiles, loadScenarios } from './discover.ts';
export {
  BaseSetupError,
  BenchArgumentError,
  BenchUsageError,
  InvalidScenarioError,
  NoScenariosError,
  TaskFailedError,
} from './errors.ts';
export { type EstimateOptions, estimateRatio, type RatioEstimate } from './estimate.ts';
export { type BaseCheckout, type CheckoutOptions, checkoutBase } from './git-worktree.ts';
export type { Statistic } from './internal/measure.ts';
export type { NoiseProbeReport } from './noise-probe.ts';
export { createProgress, type Progress, type ProgressStream, silentProgress } from './progress.ts';
export {
  type ChartLine,
  type ChartRow,
  compareChartSvg,
  ratioChartSvg,
  suiteChartSvg,
} from './report/chart.ts';
export {
  compareHeadline,
  formatCompareMarkdown,
  formatCompareTable,
} from './report/compare-report.ts';
export { formatSuiteMarkdown, formatSuiteTable } from './report/suite-report.ts';
export {
  type LoadedScenario,
  type MeasureSettings,
  type RatioReport,
  runSuite,
  type ScenarioReport,
  type SuiteReport,
  type TargetVerdict,
  type TaskReport,
} from './run-suite.ts';
export { isHotpathTask, type Scenario, type Target, type TaskFn, toScenarios } from './scenario.ts';
export { createSpinTask } from './spin.ts';
export {
  type BootstrapEstimate,
  type BootstrapOptions,
  bootstrapMedian,
} from './stats/bootstrap.ts';
export { holm } from './stats/holm.ts';
export { logRatios, medianRatio } from './stats/log-ratio.ts';
export { median, quantile, quantileSorted } from './stats/median.ts';
export { createRandom, type Random, shuffle } from './stats/random.ts';
