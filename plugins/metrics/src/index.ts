import '@hotpath/protocol/assert-node';

export type { CallOutcome } from './call-metrics.ts';
export { MetricsPluginArgumentError } from './errors.ts';
export {
  type MetricsPluginOptions,
  type MetricsService,
  metricsPlugin,
} from './metrics-plugin.ts';
