import { measureCompare } from './src/internal/processes.ts';
import { silentProgress } from './src/progress.ts';

const K = Number(process.env.K ?? 8);
const r = await measureCompare(
  [
    {
      rel: 'bench/work.bench.ts',
      head: '/tmp/try1/bench/work.bench.ts',
      base: process.env.BASE ?? '/tmp/try1/base.bench.ts',
    },
  ],
  {
    processes: K,
    rounds: Number(process.env.R ?? 10),
    timeMs: Number(process.env.T ?? 20),
    statistic: 'median',
    minRounds: 3,
    seed: Number(process.env.S ?? 7),
    select: [],
    progress: silentProgress,
    cwd: '/tmp/try1',
    env: process.env,
    output: (t) => process.stderr.write(t),
  },
);
for (const [i, scenarios] of r.measured.entries())
  for (const s of scenarios)
    for (const t of s.tasks) {
      const b = s.samples[`base:${t}`]!,
        h = s.samples[`head:${t}`]!;
      const rat = b.map((x, j) => h[j]! / x).sort((x, y) => x - y);
      console.log(
        `pair ${i} ${t} median ${rat[rat.length >> 1]!.toFixed(3)} | ${b.map((x, j) => (h[j]! / x).toFixed(2)).join(' ')} | base ${b.map((x) => (x * 1000).toFixed(1)).join(' ')} | head ${h.map((x) => (x * 1000).toFixed(1)).join(' ')}`,
      );
    }
