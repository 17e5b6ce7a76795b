import { HotpathArgumentError, HotpathError, type HotpathErrorOptions } from '@hotpath/protocol';

/** A plugin requires another plugin that is not registered. */
export class MissingDependencyError extends HotpathError {
  constructor(plugin: string, dependency: string) {
    super(
      'HOTPATH_HOST_MISSING_DEPENDENCY',
      `Plugin "${plugin}" requires plugin "${dependency}", which is not registered: add it to \`plugins\`, or list it under \`optionalDependencies\`.`,
    );
  }
}

/** Plugins depend on each other in a circle. */
export class DependencyCycleError extends HotpathError {
  /** The plugins on the cycle, the first repeated at the end. */
  readonly cycle: readonly string[];
  constructor(cycle: readonly string[]) {
    super(
      'HOTPATH_HOST_DEPENDENCY_CYCLE',
      `Plugin dependencies form a cycle: ${cycle.join(' → ')}. Remove one of these dependencies.`,
    );
    this.cycle = cycle;
  }
}

/** Two plugins have the same name. */
export class DuplicatePluginError extends HotpathError {
  constructor(name: string) {
    super(
      'HOTPATH_HOST_DUPLICATE_PLUGIN',
      `Two plugins are named "${name}": plugin names must be unique.`,
    );
  }
}

/** A plugin's `setup` threw or rejected; plugins set up before it were torn down. */
export class PluginSetupError extends HotpathError {
  /** The plugin whose setup failed. */
  readonly plugin: string;
  constructor(plugin: string, options?: HotpathErrorOptions) {
    super(
      'HOTPATH_HOST_SETUP_FAILED',
      `Plugin "${plugin}" failed to set up (see \`cause\`); the plugins started before it were torn down.`,
      options,
    );
    this.plugin = plugin;
  }
}

/** A plugin's `setup` did not finish in time; its context signal was aborted. */
export class PluginSetupTimeoutError extends HotpathError {
  /** The plugin whose setup timed out. */
  readonly plugin: string;
  constructor(plugin: string, timeoutMs: number) {
    super(
      'HOTPATH_HOST_SETUP_TIMEOUT',
      `Plugin "${plugin}" did not finish setup within ${timeoutMs} ms: make setup faster, or raise \`setupTimeoutMs\`.`,
    );
    this.plugin = plugin;
  }
}

/** One or more teardowns failed or timed out while the host closed; all of them still ran. */
export class TeardownError extends HotpathError {
  /** What failed, plugin by plugin, in the order teardowns ran. */
  readonly failures: readonly { readonly plugin: string; readonly error: unknown }[];
  constructor(failures: readonly { readonly plugin: string; readonly error: unknown }[]) {
    const names = failures.map((failure) => failure.plugin).join(', ');
    super(
      'HOTPATH_HOST_TEARDOWN_FAILED',
      `Teardown failed for: ${names}. Every other teardown still ran; see \`failures\`.`,
      { cause: failures[0]?.error },
    );
    this.failures = failures;
  }
}

/** `use()` asked for a service no plugin provides. */
export class MissingServiceError extends HotpathError {
  constructor(service: string, requester: string) {
    super(
      'HOTPATH_HOST_MISSING_SERVICE',
      `${requester} asked for service "${service}", which no plugin provided: register the plugin that provides it and list it in \`dependencies\`.`,
    );
  }
}

/** Two plugins provide a service under the same name. */
export class DuplicateServiceError extends HotpathError {
  constructor(service: string, first: string, second: string) {
    super(
      'HOTPATH_HOST_DUPLICATE_SERVICE',
      `Service "${service}" is provided by both "${first}" and "${second}": each service has one provider.`,
    );
  }
}

/** A call reached the end of the chain and no provider answers it. */
export class NoProviderError extends HotpathError {
  constructor() {
    super(
      'HOTPATH_HOST_NO_PROVIDER',
      'No provider is registered: pass `provider` to createHost, or add a provider plugin (it provides the "provider" service).',
    );
  }
}

/** `callTool()` (or a `runTools()` step) named a tool no plugin registered. */
export class UnknownToolError extends HotpathError {
  /** The tool name. */
  readonly tool: string;
  /** The `runTools()` step that named it, if any. */
  readonly step: string | undefined;
  constructor(name: string, step?: string) {
    const where = step === undefined ? '' : `Step "${step}" of the plan: `;
    super(
      'HOTPATH_HOST_UNKNOWN_TOOL',
      `${where}No tool named "${name}" is registered: register it with \`context.registerTool()\` in a plugin.`,
    );
    this.tool = name;
    this.step = step;
  }
}

/** A call reached a host after `close()`. */
export class HostClosedError extends HotpathError {
  constructor() {
    super('HOTPATH_HOST_CLOSED', 'The host is closed: create a new host to make more calls.');
  }
}

/** A lazy plugin's loader failed; the next call tries again. */
export class LazyPluginLoadError extends HotpathError {
  constructor(plugin: string, options?: HotpathErrorOptions) {
    super(
      'HOTPATH_HOST_LAZY_LOAD_FAILED',
      `Lazy plugin "${plugin}" failed to load (see \`cause\`); the next call that needs it tries again.`,
      options,
    );
  }
}

/** An argument had the wrong type or value. */
export class HostArgumentError extends HotpathArgumentError {
  /** Always `HOTPATH_HOST_INVALID_ARGUMENT`. */
  declare readonly code: 'HOTPATH_HOST_INVALID_ARGUMENT';

  constructor(message: string) {
    super('HOTPATH_HOST_INVALID_ARGUMENT', message);
  }
}
