// Percentile reads: p50 + p99 from 1,000,000 recorded latencies (one call = one read of both).
import { createHistogram } from 'node:perf_hooks';
import type { Scenario } from '@hotpath/bench';
import { Histogram } from '@hotpath/profiler';
import hdr from 'hdr-histogram-js';

const COUNT = 1_000_000;
const QUANTILES = [0.5, 0.99];

await hdr.initWebAssembly();
const ours = new Histogram();
const perfHooks = createHistogram();
const options = {
  lowestDiscernibleValue: 1,
  highestTrackableValue: 1e10,
  numberOfSignificantValueDigits: 2,
} as const;
const hdrWasm = hdr.build({ ...options, useWebAssembly: true });
const hdrJs = hdr.build({ ...options, useWebAssembly: false });
// Log-uniform integer nanosecond latencies from 10 µs to 10 ms.
for (let i = 0; i < COUNT; i++) {
  const value = Math.round(10_000 * 1000 ** Math.random());
  ours.record(value);
  perfHooks.record(value);
  hdrWasm.recordValue(value);
  hdrJs.recordValue(value);
}
let sink = 0;

const scenario: Scenario = {
  name: 'profiler: read p50 + p99 from 1M recorded values',
  tasks: {
    hotpath: () => {
      const [p50, p99] = ours.percentiles(QUANTILES);
      sink += p50! + p99!;
    },
    'perf_hooks createHistogram': () => {
      sink += perfHooks.percentile(50) + perfHooks.percentile(99);
    },
    'hdr-histogram-js wasm': () => {
      sink += hdrWasm.getValueAtPercentile(50) + hdrWasm.getValueAtPercentile(99);
    },
    'hdr-histogram-js js': () => {
      sink += hdrJs.getValueAtPercentile(50) + hdrJs.getValueAtPercentile(99);
    },
  },
  targets: [
    { task: 'hotpath', peer: 'hdr-histogram-js wasm', min: 1 },
    { task: 'hotpath', peer: 'hdr-histogram-js js', min: 1 },
    { task: 'hotpath', peer: 'perf_hooks createHistogram', min: 1 },
  ],
  // No destroy: a gate runs setup/teardown again when it re-runs to confirm.
  teardown: () => sink,
};

export default scenario;
