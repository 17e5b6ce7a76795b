// Recording cost: one call records 1,000 values, so timer overhead does not dominate.
import { createHistogram } from 'node:perf_hooks';
import type { Scenario } from '@hotpath/bench';
import { createProfiler, Histogram } from '@hotpath/profiler';
import hdr from 'hdr-histogram-js';
import { Histogram as PromHistogram, Registry } from 'prom-client';

const BATCH = 1000;
// Integer nanosecond latencies between 10 µs and ~10 ms: every recorder accepts them.
const values = Array.from({ length: BATCH }, () => Math.round(10_000 * 1000 ** Math.random()));

await hdr.initWebAssembly();
const ours = new Histogram();
const profiler = createProfiler();
const perfHooks = createHistogram();
const hdrWasm = hdr.build({
  useWebAssembly: true,
  lowestDiscernibleValue: 1,
  highestTrackableValue: 1e10,
  numberOfSignificantValueDigits: 2,
});
const hdrJs = hdr.build({
  useWebAssembly: false,
  lowestDiscernibleValue: 1,
  highestTrackableValue: 1e10,
  numberOfSignificantValueDigits: 2,
});
const prom = new PromHistogram({
  name: 'bench_seconds',
  help: 'bench',
  registers: [new Registry()],
});
let sink = 0;

const scenario: Scenario = {
  name: 'profiler: record 1,000 latencies per call',
  itemsPerCall: BATCH,
  tasks: {
    hotpath: () => {
      for (let i = 0; i < BATCH; i++) ours.record(values[i]!);
    },
    'hotpath profiler.record(label)': () => {
      for (let i = 0; i < BATCH; i++) profiler.record('llm', values[i]!);
    },
    'perf_hooks createHistogram': () => {
      for (let i = 0; i < BATCH; i++) perfHooks.record(values[i]!);
    },
    'hdr-histogram-js wasm': () => {
      for (let i = 0; i < BATCH; i++) hdrWasm.recordValue(values[i]!);
    },
    'hdr-histogram-js js': () => {
      for (let i = 0; i < BATCH; i++) hdrJs.recordValue(values[i]!);
    },
    'prom-client observe': () => {
      for (let i = 0; i < BATCH; i++) prom.observe(values[i]! / 1e9);
    },
  },
  targets: [
    { task: 'hotpath', peer: 'perf_hooks createHistogram', min: 1 },
    { task: 'hotpath', peer: 'hdr-histogram-js wasm', min: 1 },
    { task: 'hotpath', peer: 'hdr-histogram-js js', min: 1 },
    { task: 'hotpath', peer: 'prom-client observe', min: 5 },
    { task: 'hotpath profiler.record(label)', peer: 'prom-client observe', min: 5 },
  ],
  // Reset rather than destroy: a gate runs setup/teardown again when it re-runs to confirm.
  teardown: () => {
    sink += ours.count + perfHooks.count + hdrWasm.totalCount + hdrJs.totalCount;
    hdrWasm.reset();
    return sink;
  },
};

export default scenario;
