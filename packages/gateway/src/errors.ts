import {
  argumentMessage,
  describeValue,
  HotpathArgumentError,
  HotpathError,
  type HotpathErrorOptions,
} from '@hotpath/protocol';

/** The configuration has a bad field; `field` names it (for example `upstreams.openai.type`). */
export class GatewayConfigError extends HotpathError {
  /** Dotted path of the offending field. */
  readonly field: string;
  /**
   * @param field - the dotted path of an unknown field
   * @param problem - what is wrong with it: for an old name, the new spelling
   */
  constructor(field: string, problem: string);
  /**
   * @param field - the dotted path of the bad field
   * @param expected - what it must be
   * @param got - what it is
   */
  constructor(field: string, expected: string, got: unknown);
  constructor(
    ...args: [field: string, problem: string] | [field: string, expected: string, got: unknown]
  ) {
    const [field] = args;
    const problem =
      args.length === 2
        ? args[1].replace(/\.$/, '')
        : `\`${field}\` must be ${args[1]}, got ${describeValue(args[2])}`;
    super(
      'HOTPATH_GATEWAY_INVALID_CONFIG',
      `Invalid gateway config: ${problem}. Fix it in hotpath.config.ts (or .json).`,
    );
    this.field = field;
  }
}

/** `loadConfig()` found no config file, or the given path does not exist. */
export class ConfigNotFoundError extends HotpathError {
  /** The paths that were tried. */
  readonly paths: readonly string[];
  constructor(paths: readonly string[], options?: HotpathErrorOptions) {
    super(
      'HOTPATH_GATEWAY_CONFIG_NOT_FOUND',
      `No gateway config found (tried ${paths.join(', ')}): create hotpath.config.ts or pass its path.`,
      options,
    );
    this.paths = paths;
  }
}

/** The config file exists but could not be imported or parsed. */
export class ConfigLoadError extends HotpathError {
  /** The file that failed. */
  readonly path: string;
  constructor(path: string, options?: HotpathErrorOptions) {
    super(
      'HOTPATH_GATEWAY_CONFIG_LOAD_FAILED',
      `Could not load ${path}: fix the syntax error in \`cause\`; a .ts/.js file must \`export default defineConfig({...})\`.`,
      options,
    );
    this.path = path;
  }
}

/** `startGateway()` could not listen on the requested host and port. */
export class GatewayListenError extends HotpathError {
  constructor(host: string, port: number, options?: HotpathErrorOptions) {
    super(
      'HOTPATH_GATEWAY_LISTEN_FAILED',
      `The gateway could not listen on ${host}:${port}: pick a free port (0 picks one) or another host.`,
      options,
    );
  }
}

/** A request named a model the config does not route. */
export class UnknownModelError extends HotpathError {
  /** The requested model. */
  readonly model: string;
  constructor(model: string) {
    super(
      'HOTPATH_GATEWAY_UNKNOWN_MODEL',
      `The model \`${model}\` does not exist on this gateway: add it under \`models\` in the config.`,
    );
    this.model = model;
  }
}

/** A bad argument to a gateway function: a `TypeError` and a hotpath error (`isHotpathError`). */
export class GatewayArgumentError extends HotpathArgumentError {
  /** Always `HOTPATH_GATEWAY_INVALID_ARGUMENT`. */
  declare readonly code: 'HOTPATH_GATEWAY_INVALID_ARGUMENT';
  /** @param message - the whole message (an unknown option: it names the new spelling or the accepted ones) */
  constructor(message: string);
  /**
   * @param argument - the argument's name, for example `options.port`
   * @param expected - what it must be
   * @param got - what it is
   */
  constructor(argument: string, expected: string, got: unknown);
  constructor(...args: [message: string] | [argument: string, expected: string, got: unknown]) {
    super(
      'HOTPATH_GATEWAY_INVALID_ARGUMENT',
      args.length === 1 ? args[0] : argumentMessage(...args),
    );
  }
}

/** `startGateway()` could not reach the Redis server given by `redis`. */
export class RedisUnavailableError extends HotpathError {
  constructor(url: string, options?: HotpathErrorOptions) {
    super(
      'HOTPATH_GATEWAY_REDIS_UNAVAILABLE',
      `Redis at ${redactUrl(url)} is unreachable: start it, fix the URL, or run without \`redis\`.`,
      options,
    );
  }
}

function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//[credentials]@');
}
