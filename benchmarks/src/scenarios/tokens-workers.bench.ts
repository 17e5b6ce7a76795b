// Counting a 1 MB mixed corpus through the warm worker pool (2 threads, both counting the same
// text, claiming 16 KB slices of it) against counting it inline on the main thread. Items are
// tokens. (Smoke runs use 64 KB: the harness runs at least 64 calls per task per round.)
// The ratio needs a second free core: on a busy shared machine it drops below 1.6× whatever the
// pool does; src/tokens-worker-cpu.ts gives the CPU-time evidence then.
import { availableParallelism } from 'node:os';
import type { Scenario } from '@hotpath/bench';
import { mixedCorpus } from '@hotpath/testing';
import { createTokenizer, createTokenWorkers } from '@hotpath/tokens';

const smoke = process.argv.includes('--smoke');
const text = mixedCorpus(smoke ? 65_536 : 1_048_576, 7);
const inline = createTokenizer({ encoding: 'o200k_base' });
const workers = createTokenWorkers({
  encoding: 'o200k_base',
  threads: Math.max(2, availableParallelism()),
  batchChars: smoke ? 16_384 : 131_072,
  idleTimeout: Number.POSITIVE_INFINITY,
});
const tokens = inline.count(text);

const scenario: Scenario = {
  name: `tokens: count ${(text.length / 1048576).toFixed(2)} MB through ${workers.stats().threads || Math.max(2, availableParallelism())} warm workers vs inline, tokens/s`,
  itemsPerCall: tokens,
  tasks: {
    // Declared async: tinybench calls a plain function once, unawaited, when it is added, to
    // find out whether it returns a promise; the harness adds the task anew every round, so
    // that hidden extra count ran alongside the measured ones (~63 ms per call instead of ~42).
    'hotpath workers': async () => workers.count(text),
    'hotpath inline': () => inline.count(text),
  },
  targets: [
    {
      task: 'hotpath workers',
      peer: 'hotpath inline',
      min: 1.6,
    },
  ],
  setup: async () => {
    await workers.warm();
    if ((await workers.count(text)) !== tokens) throw new Error('workers and inline disagree');
  },
  teardown: () => workers.close(),
};

export default scenario;
