import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git, hotpathBench, QUICK, repository, SPIN } from './cli-helpers.ts';

// What CI has: a shallow clone of the pull request's branch only. The base branch, main,
// is not in it, and `git fetch --depth=50 origin main` (the usual advice) does not create
// origin/main there. hotpath-bench fetches it under its own name.
let origin: string;
let clone: string;
let mainCommit: string;

const scenario = (n: number) =>
  `${SPIN}\nexport default { name: 'spin', tasks: { work: spin(${n}) } };\n`;

beforeAll(() => {
  origin = repository('hotpath-bench-origin-', {
    'package.json': '{"name":"p","private":true}\n',
    'bench/spin.bench.ts': scenario(20_000),
  });
  mainCommit = git(origin, 'rev-parse', 'HEAD').trim();
  git(origin, 'checkout', '-qb', 'feature');
  writeFileSync(join(origin, 'bench/spin.bench.ts'), scenario(200_000));
  git(origin, 'commit', '-qam', 'feature: 10x slower');
  clone = mkdtempSync(join(tmpdir(), 'hotpath-bench-clone-'));
  execFileSync('git', [
    'clone',
    '-q',
    '--depth=1',
    '--single-branch',
    '--branch',
    'feature',
    `file://${origin}`,
    clone,
  ]);
});
afterAll(() => {
  rmSync(origin, { recursive: true, force: true });
  rmSync(clone, { recursive: true, force: true });
});

function fresh(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hotpath-bench-clone-'));
  execFileSync('git', [
    'clone',
    '-q',
    '--depth=1',
    '--single-branch',
    '--branch',
    'feature',
    `file://${origin}`,
    dir,
  ]);
  return dir;
}

describe('compare in a shallow single-branch clone', { timeout: 120_000 }, () => {
  it('is a clone where the usual `git fetch --depth=50 origin main` does not create origin/main', () => {
    const dir = fresh();
    try {
      git(dir, 'fetch', '-q', '--depth=50', 'origin', 'main');
      expect(() => git(dir, 'rev-parse', '--verify', '--quiet', 'origin/main')).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fetches --base origin/main itself and finds the regression', () => {
    const result = hotpathBench(clone, [
      'compare',
      '--base',
      'origin/main',
      '--dir',
      'bench',
      ...QUICK,
    ]);
    expect(result.stderr).toContain(
      'base origin/main is not in this clone: git fetch --no-tags --depth=1 origin +refs/heads/main:refs/remotes/origin/main',
    );
    expect(result, result.stdout + result.stderr).toMatchObject({ status: 1 });
    expect(git(clone, 'rev-parse', 'origin/main').trim()).toBe(mainCommit);
  });

  it('fetches a base given as a full commit hash', () => {
    const dir = fresh();
    try {
      const result = hotpathBench(dir, [
        'compare',
        '--base',
        mainCommit,
        '--dir',
        'bench',
        ...QUICK,
      ]);
      expect(result.stderr).toContain(`git fetch --no-tags --depth=1 origin ${mainCommit}`);
      expect(result, result.stdout + result.stderr).toMatchObject({ status: 1 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('does not fetch with --no-fetch', () => {
    const dir = fresh();
    try {
      const result = hotpathBench(dir, [
        'compare',
        '--base',
        'origin/main',
        '--no-fetch',
        '--dir',
        'bench',
      ]);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('the ref "origin/main" is not a commit');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
