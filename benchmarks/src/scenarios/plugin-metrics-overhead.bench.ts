// Cost of measuring each completion through the host: @hotpath/plugin-metrics (latency summary,
// request and token counters by model, outcome and cache status) against the same metrics
// recorded by a prom-client middleware, and against the host with no metrics at all.

import type { Scenario } from '@hotpath/bench';
import { createHost } from '@hotpath/host';
import { metricsPlugin } from '@hotpath/plugin-metrics';
import type { Plugin } from '@hotpath/protocol';
import { Counter, Histogram, Registry } from 'prom-client';
import { instantProvider, instantRequest } from '../fixtures/instant-provider.ts';

const CALLS = 1_000;
const request = instantRequest;
const provider = instantProvider({ inputTokens: 12, outputTokens: 7 });

function promClientPlugin(): Plugin {
  const registry = new Registry();
  const labelNames = ['call', 'model', 'outcome', 'cache'];
  const requests = new Counter({ name: 'req_total', help: 'r', labelNames, registers: [registry] });
  const duration = new Histogram({
    name: 'dur_seconds',
    help: 'd',
    labelNames,
    registers: [registry],
  });
  const tokens = new Counter({
    name: 'tok_total',
    help: 't',
    labelNames: ['model', 'type'],
    registers: [registry],
  });
  return {
    name: 'prom-client-metrics',
    setup(context) {
      context.wrap(
        'complete',
        (next) => async (req, ctx) => {
          const started = performance.now();
          const answer = await next(req, ctx);
          const labels = { call: 'complete', model: req.model, outcome: 'ok', cache: 'none' };
          requests.inc(labels);
          duration.observe(labels, (performance.now() - started) / 1000);
          tokens.inc({ model: req.model, type: 'input' }, answer.usage.inputTokens);
          tokens.inc({ model: req.model, type: 'output' }, answer.usage.outputTokens);
          return answer;
        },
        { order: 'pre' },
      );
    },
  };
}

const bare = createHost({ provider });
const measured = createHost({ provider, plugins: [metricsPlugin({ diagnostics: false })] });
const promClient = createHost({ provider, plugins: [promClientPlugin()] });

async function repeat(call: () => PromiseLike<unknown>): Promise<void> {
  for (let i = 0; i < CALLS; i++) await call();
}

const scenario: Scenario = {
  name: 'plugin-metrics: per-call metrics through the host (calls/s)',
  itemsPerCall: CALLS,
  setup: () => Promise.all([bare.ready(), measured.ready(), promClient.ready()]),
  teardown: () => Promise.all([bare.close(), measured.close(), promClient.close()]),
  tasks: {
    'hotpath metricsPlugin': () => repeat(() => measured.complete(request)),
    'host without metrics': () => repeat(() => bare.complete(request)),
    'prom-client middleware': () => repeat(() => promClient.complete(request)),
  },
  targets: [{ task: 'hotpath metricsPlugin', peer: 'prom-client middleware', min: 1 }],
};

export default scenario;
