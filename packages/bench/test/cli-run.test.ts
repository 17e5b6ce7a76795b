import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const node = new URL('../../../node_modules/.bin/node', import.meta.url).pathname;
const cli = new URL('../src/cli.ts', import.meta.url).pathname;
let dir: string;

// A deterministic cost: the peer does 3× the work of the hotpath task.
const spin =
  'const spin = (n) => () => { let x = 1; for (let i = 0; i < n; i++) { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; } return x; };';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hotpath-bench-run-'));
  mkdirSync(join(dir, 'scenarios'));
  writeFileSync(
    join(dir, 'scenarios/kept.bench.ts'),
    `${spin}\nexport default { name: 'kept', tasks: { hotpath: spin(10000), peer: spin(30000) }, targets: [{ peer: 'peer', min: 1 }] };\n`,
  );
  writeFileSync(
    join(dir, 'scenarios/broken.bench.ts'),
    `${spin}\nexport default { name: 'broken', tasks: { hotpath: spin(30000), peer: spin(10000) }, targets: [{ peer: 'peer', min: 1 }] };\n`,
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  // The source CLI is started without the condition on purpose: it must re-run itself with it.
  return spawnSync(node, [cli, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
}

describe('hotpath-bench run', { timeout: 120_000 }, () => {
  it('exits 0 when the targets hold, and writes JSON, Markdown and SVG', () => {
    const result = run(
      'kept',
      '--dir',
      'scenarios',
      '--rounds',
      '6',
      '--time',
      '10',
      '--seed',
      '5',
    );
    expect(result.stderr).toContain('running kept (6 rounds)');
    expect(result, result.stdout + result.stderr).toMatchObject({ status: 0 });
    expect(result.stdout).toMatch(/kept\s+hotpath \/ peer\s+[\d.]+×.*met/);
    const json = JSON.parse(readFileSync(join(dir, '.hotpath/bench/run.json'), 'utf8'));
    expect(json).toMatchObject({ kind: 'run', rounds: 6, seed: 5, broken: 0 });
    expect(json.scenarios.map((s: { file: string }) => s.file)).toEqual([
      'scenarios/kept.bench.ts',
    ]);
    expect(readFileSync(join(dir, '.hotpath/bench/run.md'), 'utf8')).toContain(
      '| kept | hotpath / peer |',
    );
    expect(readFileSync(join(dir, '.hotpath/bench/run.svg'), 'utf8')).toMatch(
      /^<svg [^>]*>[\s\S]*<\/svg>\n$/,
    );
  });

  it('exits 1 when a peer-ratio target is broken and says what to do', () => {
    const result = run('--dir', 'scenarios', '--rounds', '6', '--time', '10', '--out', 'out');
    expect(result, result.stdout + result.stderr).toMatchObject({ status: 1 });
    expect(result.stdout).toMatch(/broken\s+hotpath \/ peer.*BROKEN/);
    expect(result.stderr).toContain('make the hotpath task faster');
    expect(existsSync(join(dir, 'out/run.json'))).toBe(true);
  });

  it('judges nothing in a smoke run and writes smoke.json', () => {
    const result = run('--dir', 'scenarios', '--smoke', '--out', 'smoke');
    expect(result, result.stdout + result.stderr).toMatchObject({ status: 0 });
    expect(result.stdout).toContain('not judged (too few rounds)');
    expect(existsSync(join(dir, 'smoke/smoke.json'))).toBe(true);
  });
});
