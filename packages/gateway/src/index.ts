import '@hotpath/protocol/assert-node';

export { GATEWAY_CHANNELS } from './channels.ts';
export {
  defineConfig,
  type GatewayCacheConfig,
  type GatewayConfig,
  type GatewayRateLimitConfig,
  type ModelConfig,
  type ModelRoute,
  type UpstreamConfig,
  type UpstreamTarget,
  type UpstreamType,
  validateConfig,
} from './config.ts';
export {
  ConfigLoadError,
  ConfigNotFoundError,
  GatewayArgumentError,
  GatewayConfigError,
  GatewayListenError,
  RedisUnavailableError,
  UnknownModelError,
} from './errors.ts';
export { type Gateway, type StartGatewayOptions, startGateway } from './gateway.ts';
export { CONFIG_FILES, loadConfig } from './load-config.ts';
