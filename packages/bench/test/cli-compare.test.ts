import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git, hotpathBench, QUICK, repository, SPIN } from './cli-helpers.ts';

let repo: string;

// The scenario imports its cost from a sibling module and checks that the tree was built,
// so the base must be a real checkout of the base commit that went through `npm run build`.
const scenario = `import { existsSync } from 'node:fs';
import { ITERATIONS } from './cost.ts';
if (!existsSync(new URL('../built.txt', import.meta.url))) throw new Error('this tree was not built');
${SPIN}
export default { name: 'spin', tasks: { 'Changed Task': spin(ITERATIONS), 'same (peer lib)': spin(20000) } };
`;

beforeAll(() => {
  repo = repository('hotpath-bench-compare-', {
    '.gitignore': 'built.txt\n.hotpath/\n',
    'package.json': JSON.stringify({
      scripts: { build: "node -e \"require('fs').writeFileSync('built.txt', '1')\"" },
    }),
    'bench/spin.bench.ts': scenario,
    'bench/cost.ts': 'export const ITERATIONS = 20000;\n',
  });
  writeFileSync(join(repo, 'built.txt'), '1');
  // Head is 3× slower on one task: far beyond any noise, so the outcome is deterministic.
  writeFileSync(join(repo, 'bench/cost.ts'), 'export const ITERATIONS = 60000;\n');
  git(repo, 'commit', '-qam', 'head: slow');
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

function compare(env: Record<string, string>, ...args: string[]) {
  return hotpathBench(repo, ['compare', '--dir', 'bench', ...QUICK, ...args], env);
}

function report(out: string): {
  status: string;
  processes: number;
  base: { ref: string; commit: string };
  benchmarks: {
    task: string;
    verdict: string;
    base: { msPerCall: number };
    head: { msPerCall: number };
  }[];
} {
  return JSON.parse(readFileSync(join(repo, out, 'compare.json'), 'utf8'));
}

describe('hotpath-bench compare', { timeout: 120_000 }, () => {
  it('finds a 3× regression of any task name against the base commit, exits 1 and cleans up', () => {
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
    expect(result, result.stdout + result.stderr).toMatchObject({ status: 1 });
    expect(result.stderr).toContain(
      'base: npm install --no-audit --no-fund --prefer-offline (npm, from no lockfile',
    );
    expect(result.stderr).toContain('base: npm run build');
    const json = report('reg');
    expect(json).toMatchObject({ status: 'regression', processes: 3, base: { ref: 'HEAD~1' } });
    expect(json.benchmarks.map((b) => [b.task, b.verdict === 'regression'])).toEqual([
      ['Changed Task', true],
      ['same (peer lib)', false],
    ]);
    expect(json.benchmarks[0]!.head.msPerCall / json.benchmarks[0]!.base.msPerCall).toBeGreaterThan(
      2,
    );
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe(
      '1 regression(s) beyond +2%: spin › Changed Task.',
    );
    expect(result.stdout).toMatch(
      /spin › Changed Task\s+\d+(\.\d+)? µs ±[\d.]+%\s+\d+(\.\d+)? µs ±[\d.]+%\s+\+\d+/,
    );
    expect(readFileSync(join(repo, 'reg/compare.md'), 'utf8')).toMatch(/^### ❌ Benchmark gate/);
    expect(readFileSync(join(repo, 'reg/compare.svg'), 'utf8').match(/<circle /g)).toHaveLength(2);
    expect(readFileSync(summary, 'utf8')).toContain('### ❌ Benchmark gate');
    expect(git(repo, 'worktree', 'list').trim().split('\n')).toHaveLength(1);
  });

  it('compares only the tasks --task selects', () => {
    const result = compare({}, '--base', 'HEAD~1', '--task', 'same', '--out', 'sel');
    expect(result, result.stdout + result.stderr).toMatchObject({ status: 0 });
    expect(report('sel').benchmarks.map((b) => b.task)).toEqual(['same (peer lib)']);
  });

  it('passes identical code (base = HEAD) with exit 0', () => {
    const result = compare({}, '--base', 'HEAD', '--out', 'aa');
    expect(result.status, result.stdout + result.stderr).not.toBe(1);
    expect(result.status).toBe(0);
    expect(report('aa').benchmarks.filter((b) => b.verdict === 'regression')).toEqual([]);
  });

  it('warns once when too noisy to decide, and exits 3 with --fail-on-noise', () => {
    const warned = compare(
      { GITHUB_ACTIONS: 'true' },
      '--base',
      'HEAD',
      '--noise-limit',
      '0',
      '--out',
      'noisy',
    );
    expect(warned, warned.stdout + warned.stderr).toMatchObject({ status: 0 });
    const output = warned.stdout + warned.stderr;
    expect(output.match(/too noisy to decide \(interval/g)).toHaveLength(1);
    expect(warned.stdout).toMatch(
      /^::warning::No regression beyond \+2% found, but 2 benchmark\(s\) were too noisy/m,
    );
    expect(report('noisy').status).toBe('too-noisy');
    const failed = compare(
      {},
      '--base',
      'HEAD',
      '--noise-limit',
      '0',
      '--fail-on-noise',
      '--out',
      'noisy',
    );
    expect(failed.status, failed.stdout + failed.stderr).toBe(3);
    expect(failed.stderr.match(/^warning: /gm)).toHaveLength(1);
  });

  it('compares against a prepared tree given with --base-dir', () => {
    const baseDir = mkdtempSync(join(tmpdir(), 'hotpath-bench-basedir-'));
    try {
      execFileSync('sh', ['-c', `git archive HEAD~1 | tar -x -C '${baseDir}'`], { cwd: repo });
      writeFileSync(join(baseDir, 'built.txt'), '1');
      const result = compare({}, '--base-dir', baseDir, '--out', 'dir');
      expect(result, result.stdout + result.stderr).toMatchObject({ status: 1 });
      expect(report('dir').benchmarks[0]!.verdict).toBe('regression');
    } finally {
      rmSync(baseDir, { recursive: true, force: true });
    }
  });

  it('names the install step, its command and its output when the base does not install', () => {
    const result = compare(
      {},
      '--base',
      'HEAD~1',
      '--install',
      'echo cannot-resolve-left-pad >&2; exit 7',
    );
    expect(result.status, result.stdout + result.stderr).toBe(2);
    expect(result.stderr).toContain('HOTPATH_BENCH_BASE_SETUP');
    expect(result.stderr).toContain('the install step failed');
    expect(result.stderr).toContain('exited with code 7');
    expect(result.stderr).toContain('cannot-resolve-left-pad');
    expect(git(repo, 'worktree', 'list').trim().split('\n')).toHaveLength(1);
  });

  it('says the base scenario failed to load when the base is not installed or built', () => {
    const result = compare({}, '--base', 'HEAD~1', '--no-install');
    expect(result.status, result.stdout + result.stderr).toBe(2);
    expect(result.stderr).toMatch(
      /HOTPATH_BENCH_INVALID_SCENARIO: \S*hotpath-bench-base-\S*\/bench\/spin\.bench\.ts: it failed to load \(this tree was not built\)/,
    );
  });

  it('exits 2 for a ref that does not exist and cannot be fetched', () => {
    const result = compare({}, '--base', 'no-such-branch');
    expect(result, result.stdout + result.stderr).toMatchObject({ status: 2 });
    expect(result.stderr).toContain('HOTPATH_BENCH_BASE_SETUP');
    expect(result.stderr).toContain('the ref "no-such-branch" is not a commit');
  });
});
