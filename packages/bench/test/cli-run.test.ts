import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hotpathBench, SPIN, writeFiles } from './cli-helpers.ts';

let dir: string;

// Deterministic costs: the peer does 3× the work of the task that makes the promise.
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hotpath-bench-run-'));
  const target = "targets: [{ task: 'my parser', peer: 'their parser', min: 1 }]";
  writeFiles(dir, {
    'scenarios/kept.bench.ts': `${SPIN}\nexport default { name: 'kept', tasks: { 'my parser': spin(10000), 'their parser': spin(30000) }, ${target} };\n`,
    'scenarios/broken.bench.ts': `${SPIN}\nexport default { name: 'broken', tasks: { 'my parser': spin(30000), 'their parser': spin(10000) }, ${target} };\n`,
    'failing/throws.bench.ts': `export default { name: 'throws', tasks: { 'bad task': () => { throw new Error('boom in the task'); } } };\n`,
    'failing/exits.bench.ts': `export default { name: 'exits', tasks: { quits: () => process.exit(5) } };\n`,
    'apart/first.bench.ts': leaves('first'),
    'apart/second.bench.ts': leaves('second'),
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A scenario whose setup fails when another file's setup ran in the same process before it,
// and then leaves state behind itself, as a file that warms shared code or keeps a timer does.
function leaves(name: string): string {
  const setup = `() => { if (globalThis.leftBehind) throw new Error('measured after ' + globalThis.leftBehind); globalThis.leftBehind = '${name}'; }`;
  return `${SPIN}\nexport default { name: '${name}', setup: ${setup}, tasks: { work: spin(1000) } };\n`;
}

const run = (...args: string[]) => hotpathBench(dir, args);
const quick = ['--rounds', '6', '--time', '5'];

describe('hotpath-bench run', { timeout: 120_000 }, () => {
  it('exits 0 when the targets hold, and writes JSON, Markdown and SVG', () => {
    const result = run('kept', '--dir', 'scenarios', ...quick, '--seed', '5');
    expect(result.stderr).toContain('running measuring (6 rounds)');
    expect(result, result.stdout + result.stderr).toMatchObject({ status: 0 });
    expect(result.stdout).toMatch(/kept\s+my parser\s+[\d.]+ µs ±[\d.]+%/);
    expect(result.stdout).toMatch(/kept\s+my parser \/ their parser\s+[\d.]+×.*met/);
    const json = JSON.parse(readFileSync(join(dir, '.hotpath/bench/run.json'), 'utf8'));
    expect(json).toMatchObject({ kind: 'run', rounds: 6, seed: 5, broken: 0, processes: 1 });
    expect(json.scenarios.map((s: { file: string }) => s.file)).toEqual([
      'scenarios/kept.bench.ts',
    ]);
    expect(readFileSync(join(dir, '.hotpath/bench/run.md'), 'utf8')).toContain(
      '| kept | my parser / their parser |',
    );
    expect(readFileSync(join(dir, '.hotpath/bench/run.svg'), 'utf8')).toMatch(
      /^<svg [^>]*>[\s\S]*<\/svg>\n$/,
    );
  });

  it('measures each scenario file in a process of its own, so none sees what another left', () => {
    const result = run('--dir', 'apart', ...quick, '--seed', '3');
    expect(result, result.stdout + result.stderr).toMatchObject({ status: 0 });
    expect(result.stdout).toMatch(/first\s+work/);
    expect(result.stdout).toMatch(/second\s+work/);
  });

  it('exits 1 when a target is broken and says what to do', () => {
    const result = run('--dir', 'scenarios', ...quick, '--out', 'out');
    expect(result, result.stdout + result.stderr).toMatchObject({ status: 1 });
    expect(result.stdout).toMatch(/broken\s+my parser \/ their parser.*BROKEN/);
    expect(result.stderr).toContain('1 target(s) broken: make the task faster');
    expect(existsSync(join(dir, 'out/run.json'))).toBe(true);
  });

  it('measures in several processes with --processes, and estimates over them', () => {
    const result = run(
      'kept',
      '--dir',
      'scenarios',
      ...quick,
      '--processes',
      '3',
      '--out',
      'three',
    );
    expect(result, result.stdout + result.stderr).toMatchObject({ status: 0 });
    expect(result.stderr).toContain('running process 3/3');
    const json = JSON.parse(readFileSync(join(dir, 'three/run.json'), 'utf8'));
    expect(json).toMatchObject({ processes: 3, broken: 0 });
    expect(json.scenarios[0].ratios[0]).toMatchObject({ n: 3, verdict: 'met' });
  });

  it('keeps only the tasks --task selects, and shows no target table without a target', () => {
    const result = run('kept', '--dir', 'scenarios', ...quick, '--task', 'their', '--out', 'one');
    expect(result, result.stdout + result.stderr).toMatchObject({ status: 0 });
    expect(result.stdout).toMatch(/kept\s+their parser\s+/);
    expect(result.stdout).not.toContain('my parser');
    expect(result.stdout).not.toContain('throughput ratio');
  });

  it('judges nothing in a smoke run and writes smoke.json', () => {
    const result = run('--dir', 'scenarios', '--smoke', '--out', 'smoke');
    expect(result, result.stdout + result.stderr).toMatchObject({ status: 0 });
    expect(result.stdout).toContain('not judged (too few rounds)');
    expect(existsSync(join(dir, 'smoke/smoke.json'))).toBe(true);
  });

  it('exits 2 with the task, its side and its error when a task throws in a measuring process', () => {
    const result = run('throws', '--dir', 'failing', ...quick);
    expect(result.status, result.stdout + result.stderr).toBe(2);
    expect(result.stderr).toContain(
      'error HOTPATH_BENCH_TASK_FAILED: Benchmark task throws › bad task failed',
    );
    expect(result.stderr).toContain('boom in the task');
  });

  it('exits 2 when a scenario ends its measuring process', () => {
    const result = run('exits', '--dir', 'failing', ...quick);
    expect(result.status, result.stdout + result.stderr).toBe(2);
    expect(result.stderr).toContain(
      'error HOTPATH_BENCH_PROCESS_FAILED: A measuring process failed: it exited with code 5',
    );
  });
});
