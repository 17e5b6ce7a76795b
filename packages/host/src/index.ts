import '@hotpath/protocol/assert-node';

export {
  type AnalyzeFilesOptions,
  analyzeFiles,
  type FileAnalysis,
  type FilesAnalysis,
} from './analyze-files.ts';
export {
  DependencyCycleError,
  DuplicatePluginError,
  DuplicateServiceError,
  HostArgumentError,
  HostClosedError,
  LazyPluginLoadError,
  MissingDependencyError,
  MissingServiceError,
  NoProviderError,
  PluginSetupError,
  PluginSetupTimeoutError,
  TeardownError,
  UnknownToolError,
} from './errors.ts';
export {
  type BootReport,
  createHost,
  type Host,
  type HostOptions,
  type PluginBootRecord,
} from './host.ts';
export { type LazyPluginDescriptor, lazyPlugin, type PluginEntry } from './lazy-plugin.ts';
export type {
  RunToolsOptions,
  RunToolsResult,
  StepResults,
  ToolPlan,
  ToolStep,
} from './run-tools.ts';
