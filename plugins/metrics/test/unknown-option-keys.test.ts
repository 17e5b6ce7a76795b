import { MetricsPluginArgumentError, metricsPlugin } from '@hotpath/plugin-metrics';
import { expect, it } from 'vitest';

it('metricsPlugin rejects a misspelt option, listing the accepted ones', () => {
  const make = () => metricsPlugin({ otel: true } as never);
  expect(make).toThrow(MetricsPluginArgumentError);
  expect(make).toThrow(
    'metricsPlugin(): options.otel is not an option; options accepts diagnostics, metrics, openTelemetry, prefix, sources.',
  );
});
