import '@hotpath/protocol/assert-node';

export { BENCH_CHANNELS } from './channels.ts';
export { type CliIo, runCli } from './cli-main.ts';
export {
  analyzeComparison,
  type BenchmarkComparison,
  type BenchmarkSamples,
  type BenchmarkVerdict,
  type CompareReport,
  type CompareStatus,
  type CostSummary,
  type JudgeSettings,
  type ProcessSamples,
} from './compare.ts';
export { COMPARE_DEFAULTS, type CompareTreesOptions, compareTrees } from './compare-trees.ts';
export { discoverBenchFiles, loadScenarios } from './discover.ts';
export {
  BaseSetupError,
  type BaseSetupStep,
  BenchArgumentError,
  BenchUsageError,
  InvalidScenarioError,
  MeasureProcessError,
  NoScenariosError,
  TaskFailedError,
} from './errors.ts';
export { type EstimateOptions, estimateRatio, type RatioEstimate } from './estimate.ts';
export { type BaseCheckout, type CheckoutOptions, checkoutBase } from './git-worktree.ts';
export type { Statistic } from './internal/measure.ts';
export {
  type Command,
  detectInstall,
  type InstallPlan,
  type PackageManagerName,
} from './package-manager.ts';
export { createProgress, type Progress, type ProgressStream, silentProgress } from './progress.ts';
export {
  type ChartLine,
  type ChartRow,
  type ChartSpec,
  compareChartSvg,
  intervalChartSvg,
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
  type RatioReport,
  runSuite,
  type ScenarioReport,
  type SuiteReport,
  type TargetVerdict,
  type TaskReport,
} from './run-suite.ts';
export {
  type Scenario,
  type ScenarioCheck,
  type Target,
  type TaskFn,
  toScenarios,
} from './scenario.ts';
export type { MeasureSettings } from './settings.ts';
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
export { studentTCdf, studentTQuantile } from './stats/student-t.ts';
export {
  type Alternative,
  type MeanInterval,
  type TOptions,
  tInterval,
  tTestP,
} from './stats/t-interval.ts';
