import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const node = new URL('../../../node_modules/.bin/node', import.meta.url).pathname;
const cli = new URL('../src/cli.ts', import.meta.url).pathname;
let repo: string;

// The scenario imports its cost from a sibling module and checks that the tree was built,
// so the base must be a real checkout of the base commit that went through `npm run build`.
const scenario = `import { existsSync } from 'node:fs';
import { ITERATIONS } from './cost.ts';
if (!existsSync(new URL('../built.txt', import.meta.url))) throw new Error('this tree was not built');
const spin = (n) => () => { let x = 1; for (let i = 0; i < n; i++) { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; } return x; };
export default { name: 'spin', tasks: { changed: spin(ITERATIONS), same: spin(20000) } };
`;

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
}

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'hotpath-bench-compare-'));
  mkdirSync(join(repo, 'bench'));
  writeFileSync(join(repo, '.gitignore'), 'built.txt\n.hotpath/\n');
  writeFileSync(
    join(repo, 'package.json'),
    JSON.stringify({
      scripts: { build: "node -e \"require('fs').writeFileSync('built.txt', '1')\"" },
    }),
  );
  writeFileSync(join(repo, 'built.txt'), '1');
  writeFileSync(join(repo, 'bench/spin.bench.ts'), scenario);
  writeFileSync(join(repo, 'bench/cost.ts'), 'export const ITERATIONS = 20000;\n');
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'base: fast');
  // Head is 3× slower on `changed`: far beyond any noise, so the outcome is deterministic.
  writeFileSync(join(repo, 'bench/cost.ts'), 'export const ITERATIONS = 60000;\n');
  git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qam', 'head: slow');
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

function compare(
  env: Record<string, string>,
  ...args: string[]
): { status: number | null; stdout: string; stderr: string } {
  const options = {
    cwd: repo,
    encoding: 'utf8' as const,
    timeout: 180_000,
    env: { ...process.env, GITHUB_ACTIONS: '', GITHUB_STEP_SUMMARY: '', ...env },
  };
  return spawnSync(
    node,
    [cli, 'compare', '--dir', 'bench', '--rounds', '10', '--time', '10', ...args],
    options,
  );
}

function report(out: string): {
  status: string;
  benchmarks: { task: string; verdict: string; rerun?: unknown }[];
} {
  return JSON.parse(readFileSync(join(repo, out, 'compare.json'), 'utf8'));
}

describe('hotpath-bench compare', { timeout: 180_000 }, () => {
  it('detects a 3× regression against the base commit, confirms it, exits 1 and cleans up', () => {
    const summary = join(repo, 'summary.md');
    const result = compare(
      { GITHUB_STEP_SUMMARY: summary },
      '--base',
      'HEAD~1',
      '--out',
      'reg',
      '--seed',
      '3',
    );
    expect(result.stderr).toContain('base: npm run build');
    expect(result, result.stdout + result.stderr).toMatchObject({ status: 1 });
    const json = report('reg');
    expect(json.status).toBe('regression');
    expect(json.benchmarks.map((b) => [b.task, b.verdict])).toEqual([
      ['changed', 'regression'],
      ['same', 'unchanged'],
    ]);
    expect(json.benchmarks[0]!.rerun).toBeDefined();
    expect(result.stdout).toContain('1 confirmed regression(s) beyond 5%');
    expect(readFileSync(join(repo, 'reg/compare.md'), 'utf8')).toMatch(
      /^### ❌ hotpath benchmark gate/,
    );
    expect(readFileSync(join(repo, 'reg/compare.svg'), 'utf8').match(/<circle /g)).toHaveLength(2);
    expect(readFileSync(summary, 'utf8')).toContain('### ❌ hotpath benchmark gate');
    expect(git('worktree', 'list').trim().split('\n')).toHaveLength(1);
  });

  it('passes A/A (base = HEAD) with exit 0', () => {
    const result = compare({}, '--base', 'HEAD', '--out', 'aa');
    expect(result, result.stdout + result.stderr).toMatchObject({ status: 0 });
    expect(report('aa').benchmarks.filter((b) => b.verdict === 'regression')).toEqual([]);
  });

  it('warns instead of judging when the noise probe cannot decide, and exits 0', () => {
    const result = compare(
      { GITHUB_ACTIONS: 'true' },
      '--base',
      'HEAD~1',
      '--noise-limit',
      '0',
      '--out',
      'noisy',
    );
    expect(result, result.stdout + result.stderr).toMatchObject({ status: 0 });
    expect(result.stderr).toContain('too noisy for the gate to decide');
    expect(result.stdout).toContain('::warning::');
    expect(report('noisy')).toMatchObject({ status: 'too-noisy', benchmarks: [] });
  });

  it('compares against a prepared tree given with --base-dir', () => {
    const baseDir = mkdtempSync(join(tmpdir(), 'hotpath-bench-basedir-'));
    try {
      execFileSync('sh', ['-c', `git archive HEAD~1 | tar -x -C '${baseDir}'`], { cwd: repo });
      writeFileSync(join(baseDir, 'built.txt'), '1');
      const result = compare({}, '--base-dir', baseDir, '--out', 'dir');
      expect(result, result.stdout + result.stderr).toMatchObject({ status: 1 });
      expect(report('dir').benchmarks.map((b) => b.verdict)).toEqual(['regression', 'unchanged']);
    } finally {
      rmSync(baseDir, { recursive: true, force: true });
    }
  });

  it('exits 2 for a ref that does not exist', () => {
    const result = compare({}, '--base', 'no-such-branch');
    expect(result, result.stdout + result.stderr).toMatchObject({ status: 2 });
    expect(result.stderr).toContain('HOTPATH_BENCH_BASE_SETUP');
    expect(result.stderr).toContain('the ref "no-such-branch" is not a commit');
  });
});
