import '@hotpath/protocol/assert-node';

export { SIMULATOR_CHANNELS } from './channels.ts';
export { SimulatorArgumentError, SimulatorClosedError, SimulatorListenError } from './errors.ts';
export {
  FAULT_MODES,
  type FaultMode,
  type RateLimitOptions,
  type SimulatorOptions,
} from './options.ts';
export { CREDENTIAL_HEADERS, type RecordedRequest } from './recorded-request.ts';
export { type Simulator, startSimulator, type WaitForOptions } from './simulator.ts';
export { ROUTE_NAMES, type RouteName, type SimulatorStats } from './stats.ts';
