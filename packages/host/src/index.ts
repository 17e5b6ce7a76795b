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
