// The regression gate as a stranger uses it: @hotpath/bench packed, installed from its
// tarball into a fresh npm project in a temp folder (outside this workspace), a 10-task suite
// of 2–20 µs functions, `hotpath-bench compare --base main` run as a CLI. Conditions, each
// `--runs` compares (default 20), with and without a competing busy process:
//   aa       identical code on both sides                 → false alarms, coverage of 1.0
//   slow10   one task (a different one each run) 10% slower → detections
//   slow5    one task 5% slower                             → detections
// Each compare is the full CLI: git worktree of the base, `npm ci` in it, 10 process pairs (the defaults).
// Prints a Markdown table and writes results/gate-figures.json.
//   cd benchmarks && npx -y pnpm@10 run gate-figures                 # all six conditions × 20
//   cd benchmarks && npx -y pnpm@10 run gate-figures --quick         # 3 runs of aa, slow10 (≈ 3 min)
//   options: --runs 20 --only aa,aa-load,slow10,slow10-load,slow5,slow5-load --keep
//            and compare flags passed through: --processes --rounds --time --threshold
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { suiteSource, TASKS, workSource } from './fixtures/gate-suite.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string' },
    only: { type: 'string' },
    quick: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    processes: { type: 'string' },
    rounds: { type: 'string' },
    time: { type: 'string' },
    threshold: { type: 'string' },
    out: { type: 'string', default: 'gate-figures' },
  },
});
const runs = Number(values.runs ?? (values.quick ? 3 : 20));
const only = (
  values.only ?? (values.quick ? 'aa,slow10' : 'aa,aa-load,slow10,slow10-load,slow5,slow5-load')
).split(',');
const passThrough = (['processes', 'rounds', 'time', 'threshold'] as const).flatMap((name) =>
  values[name] === undefined ? [] : [`--${name}`, values[name]!],
);

interface Condition {
  readonly id: string;
  readonly slowdown: number;
  readonly load: boolean;
}

const conditions: Condition[] = [
  { id: 'aa', slowdown: 0, load: false },
  { id: 'aa-load', slowdown: 0, load: true },
  { id: 'slow10', slowdown: 0.1, load: false },
  { id: 'slow10-load', slowdown: 0.1, load: true },
  { id: 'slow5', slowdown: 0.05, load: false },
  { id: 'slow5-load', slowdown: 0.05, load: true },
].filter((condition) => only.includes(condition.id));

const repoRoot = new URL('../../', import.meta.url).pathname;
const node = process.execPath;

function run(command: string, args: readonly string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function git(cwd: string, ...args: string[]): string {
  return run(
    'git',
    ['-c', 'user.name=figures', '-c', 'user.email=figures@example.com', ...args],
    cwd,
  );
}

/** Builds @hotpath/bench and @hotpath/protocol and packs both into `vendor`. */
function packTarballs(vendor: string): string[] {
  run(join(repoRoot, 'node_modules/.bin/tsc'), ['-b', 'packages/bench'], repoRoot);
  mkdirSync(vendor, { recursive: true });
  for (const pkg of ['protocol', 'bench']) {
    run(
      'npx',
      ['-y', 'pnpm@10', 'pack', '--pack-destination', vendor],
      join(repoRoot, 'packages', pkg),
    );
  }
  return readdirSync(vendor).filter((file) => file.endsWith('.tgz'));
}

/** A fresh npm project with the packed tarballs, the suite, and one branch per head. */
function createProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hotpath-gate-figures-'));
  const tarballs = packTarballs(join(dir, 'vendor'));
  const dependency = (name: string) => `file:vendor/${tarballs.find((t) => t.includes(name))}`;
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify(
      {
        name: 'gate-figures-project',
        private: true,
        type: 'module',
        devDependencies: {
          '@hotpath/bench': dependency('bench'),
          '@hotpath/protocol': dependency('protocol'),
        },
      },
      null,
      2,
    )}\n`,
  );
  writeFileSync(join(dir, '.gitignore'), 'node_modules/\n.hotpath/\n');
  mkdirSync(join(dir, 'src'));
  mkdirSync(join(dir, 'bench'));
  writeFileSync(join(dir, 'src/work.js'), workSource({}));
  writeFileSync(join(dir, 'bench/suite.bench.ts'), suiteSource());
  run('npm', ['install', '--no-audit', '--no-fund'], dir);
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'base');
  return dir;
}

/** Checks out a head branch off main: identical code, or one task slowed by `slowdown`. */
function checkoutHead(dir: string, slowdown: number, task: number, run: number): void {
  git(dir, 'checkout', '-q', '-B', `head-${run}`, 'main');
  if (slowdown === 0) writeFileSync(join(dir, 'NOTES.md'), `A/A run ${run}: no code change.\n`);
  else writeFileSync(join(dir, 'src/work.js'), workSource({ [TASKS[task]!.name]: 1 + slowdown }));
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', `head of run ${run}`);
}

interface Judged {
  readonly task: string;
  readonly ratio: number;
  readonly low: number;
  readonly high: number;
  readonly verdict: string;
  readonly processRatios: readonly number[];
}

interface Record_ {
  readonly condition: string;
  readonly run: number;
  readonly slowed: string | undefined;
  readonly exit: number | null;
  readonly status: string;
  readonly seconds: number;
  readonly load: readonly number[];
  readonly benchmarks: readonly Judged[];
}

function compare(dir: string): {
  exit: number | null;
  seconds: number;
  report?: { status: string; benchmarks: Judged[] };
} {
  const bin = join(dir, 'node_modules/@hotpath/bench/bin/hotpath-bench.cjs');
  const started = performance.now();
  const result = spawnSync(
    node,
    [bin, 'compare', '--base', 'main', '--dir', 'bench', ...passThrough],
    {
      cwd: dir,
      encoding: 'utf8',
      env: Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k))),
    },
  );
  const seconds = (performance.now() - started) / 1000;
  if (result.status === 2 || result.status === null) {
    process.stderr.write(result.stdout + result.stderr);
    return { exit: result.status, seconds };
  }
  const report = JSON.parse(readFileSync(join(dir, '.hotpath/bench/compare.json'), 'utf8'));
  return { exit: result.status, seconds, report };
}

function busyChild(): ChildProcess {
  return spawn(node, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
}

function describeRun(record: Record_): string {
  const slowed = record.benchmarks.find((b) => b.task === record.slowed);
  const shown = slowed ?? record.benchmarks[0];
  const ci = shown
    ? `${shown.task} ${shown.ratio.toFixed(3)} [${shown.low.toFixed(3)}, ${shown.high.toFixed(3)}] ${shown.verdict}`
    : '';
  const alarms = record.benchmarks.filter(
    (b) => b.verdict === 'regression' && b.task !== record.slowed,
  ).length;
  return `${record.condition.padEnd(11)} run ${String(record.run + 1).padStart(2)}: exit ${record.exit} ${record.status.padEnd(10)} ${record.seconds.toFixed(1)} s; ${ci}; false alarms ${alarms}; load ${record.load.map((l) => l.toFixed(1)).join('/')}`;
}

function runCondition(dir: string, condition: Condition): Record_[] {
  const child = condition.load ? busyChild() : undefined;
  try {
    const records: Record_[] = [];
    for (let i = 0; i < runs; i++) {
      const task = i % TASKS.length;
      checkoutHead(
        dir,
        condition.slowdown,
        task,
        records.length + 1000 * conditions.indexOf(condition),
      );
      const load = loadavg();
      const { exit, seconds, report } = compare(dir);
      const record: Record_ = {
        condition: condition.id,
        run: i,
        slowed: condition.slowdown === 0 ? undefined : TASKS[task]!.name,
        exit,
        status: report?.status ?? 'error',
        seconds,
        load,
        benchmarks: (report?.benchmarks ?? []).map(
          ({ task, ratio, low, high, verdict, processRatios }) => ({
            task,
            ratio,
            low,
            high,
            verdict,
            processRatios,
          }),
        ),
      };
      console.log(describeRun(record));
      records.push(record);
    }
    return records;
  } finally {
    child?.kill();
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length
    ? (sorted[(sorted.length - 1) >> 1]! + sorted[sorted.length >> 1]!) / 2
    : Number.NaN;
}

function summary(condition: Condition, records: readonly Record_[]): string {
  const n = records.length;
  const falseAlarmRuns = records.filter((r) =>
    r.benchmarks.some((b) => b.verdict === 'regression' && b.task !== r.slowed),
  ).length;
  const unchanged = records.flatMap((r) => r.benchmarks.filter((b) => b.task !== r.slowed));
  const covered = unchanged.filter((b) => b.low <= 1 && b.high >= 1).length;
  // The interval of the designated task of each run (the one slowed, or in A/A the one that would have been).
  const designated = records.map((r, i) =>
    r.benchmarks.find((b) => b.task === (r.slowed ?? TASKS[i % TASKS.length]!.name)),
  );
  const truth = 1 + condition.slowdown;
  const designatedCovered = designated.filter((b) => b && b.low <= truth && b.high >= truth).length;
  const caught = records.filter(
    (r) => r.slowed && r.benchmarks.some((b) => b.task === r.slowed && b.verdict === 'regression'),
  ).length;
  const halfWidth = median(
    records.flatMap((r) => r.benchmarks.map((b) => ((b.high / b.low) ** 0.5 - 1) * 100)),
  );
  const noisy = records.filter((r) => r.status === 'too-noisy').length;
  const seconds = records.map((r) => r.seconds);
  const errors = records.filter((r) => r.status === 'error').length;
  const detection = condition.slowdown === 0 ? '–' : `${caught}/${n}`;
  return `| ${condition.id} | ${falseAlarmRuns}/${n} | ${detection} | ${designatedCovered}/${n} | ${covered}/${unchanged.length} | ±${halfWidth.toFixed(2)}% | ${noisy} | ${median(seconds).toFixed(1)} (max ${Math.max(...seconds).toFixed(1)}) | ${errors} |`;
}

const dir = createProject();
console.log(
  `project ${dir}; Node ${process.version}; ${cpus().length} CPUs; ${runs} runs per condition; compare flags: ${passThrough.join(' ') || '(defaults)'}; load average at start ${loadavg()
    .map((l) => l.toFixed(1))
    .join('/')}`,
);
const results: Record<string, Record_[]> = {};
try {
  for (const condition of conditions) results[condition.id] = runCondition(dir, condition);
} finally {
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
}
console.log(
  '\n| condition | runs with a false alarm | slowed task caught | interval holds the true ratio (that task) | unchanged tasks: interval holds 1.0 | median half-width | too noisy | seconds per compare (median, max) | errors |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const condition of conditions) console.log(summary(condition, results[condition.id]!));
const outDir = new URL('../results/', import.meta.url).pathname;
mkdirSync(outDir, { recursive: true });
writeFileSync(
  join(outDir, `${values.out}.json`),
  JSON.stringify({ node: process.version, runs, passThrough, results }, null, 2),
);
