import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { detectInstall } from '../src/index.ts';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

// An empty PATH, so the choice never depends on what this machine has installed.
const noTools = { PATH: '' };

function project(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'hotpath-bench-pm-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const manifest = (extra: object = {}): string => JSON.stringify({ name: 'p', ...extra });

describe('detectInstall', () => {
  it.each([
    ['package-lock.json', 'npm', ['npm', 'ci', '--no-audit', '--no-fund', '--prefer-offline']],
    ['npm-shrinkwrap.json', 'npm', ['npm', 'ci', '--no-audit', '--no-fund', '--prefer-offline']],
    ['bun.lock', 'bun', ['npx', '-y', 'bun@latest', 'install', '--frozen-lockfile']],
    ['bun.lockb', 'bun', ['npx', '-y', 'bun@latest', 'install', '--frozen-lockfile']],
  ])('installs a project with %s by %s, frozen to the lockfile', (lockfile, manager, install) => {
    const plan = detectInstall(project({ 'package.json': manifest(), [lockfile]: '' }), noTools);
    expect(plan).toMatchObject({ manager, reason: lockfile, install });
    expect(plan!.build).toBeUndefined();
  });

  it('runs pnpm at the major that writes the lockfile version', () => {
    const v9 = detectInstall(
      project({ 'package.json': manifest(), 'pnpm-lock.yaml': "lockfileVersion: '9.0'\n" }),
      noTools,
    );
    expect(v9!.install).toEqual([
      'npx',
      '-y',
      'pnpm@10',
      'install',
      '--frozen-lockfile',
      '--prefer-offline',
    ]);
    rmSync(dir, { recursive: true });
    const v6 = detectInstall(
      project({ 'package.json': manifest(), 'pnpm-lock.yaml': "lockfileVersion: '6.0'\n" }),
      noTools,
    );
    expect(v6!.install.slice(0, 3)).toEqual(['npx', '-y', 'pnpm@8']);
  });

  it('tells yarn 1 lockfiles from yarn berry lockfiles, and prefers the repository’s own yarnPath', () => {
    const classic = detectInstall(
      project({ 'package.json': manifest(), 'yarn.lock': '# yarn lockfile v1\n' }),
      noTools,
    );
    expect(classic!.install).toEqual([
      'npx',
      '-y',
      'yarn@1',
      'install',
      '--frozen-lockfile',
      '--non-interactive',
    ]);
    rmSync(dir, { recursive: true });
    const berry = detectInstall(
      project({ 'package.json': manifest(), 'yarn.lock': '__metadata:\n  version: 8\n' }),
      noTools,
    );
    expect(berry!.install).toEqual(['npx', '-y', '@yarnpkg/cli-dist@4', 'install', '--immutable']);
    rmSync(dir, { recursive: true });
    const own = detectInstall(
      project({
        'package.json': manifest(),
        'yarn.lock': '__metadata:\n',
        '.yarnrc.yml': 'yarnPath: .yarn/releases/yarn-4.5.0.cjs\n',
      }),
      noTools,
    );
    expect(own!.install).toEqual([
      process.execPath,
      join(dir, '.yarn/releases/yarn-4.5.0.cjs'),
      'install',
      '--immutable',
    ]);
  });

  it('follows the packageManager field, version included, over the lockfiles', () => {
    const plan = detectInstall(
      project({
        'package.json': manifest({
          packageManager: 'pnpm@9.15.0+sha512.abc',
          scripts: { build: 'tsc' },
        }),
        'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
        'package-lock.json': '{}',
      }),
      noTools,
    );
    expect(plan).toMatchObject({
      manager: 'pnpm',
      reason: 'packageManager: "pnpm@9.15.0+sha512.abc"',
    });
    expect(plan!.install).toEqual([
      'npx',
      '-y',
      'pnpm@9.15.0',
      'install',
      '--frozen-lockfile',
      '--prefer-offline',
    ]);
    expect(plan!.build).toEqual(['npx', '-y', 'pnpm@9.15.0', 'run', 'build']);
  });

  it('installs with npm when there is no lockfile, and runs the build script', () => {
    const plan = detectInstall(
      project({ 'package.json': manifest({ scripts: { build: 'tsc' } }) }),
      noTools,
    );
    expect(plan).toMatchObject({
      manager: 'npm',
      reason: 'no lockfile',
      install: ['npm', 'install', '--no-audit', '--no-fund', '--prefer-offline'],
      build: ['npm', 'run', 'build'],
    });
  });

  it('uses a manager found on PATH instead of npx', () => {
    const bin = mkdtempSync(join(tmpdir(), 'hotpath-bench-path-'));
    try {
      writeFileSync(join(bin, 'pnpm'), '');
      const plan = detectInstall(project({ 'package.json': manifest(), 'pnpm-lock.yaml': '' }), {
        PATH: bin,
      });
      expect(plan!.install[0]).toBe('pnpm');
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });

  it('installs nothing without a package.json', () => {
    expect(detectInstall(project({ 'README.md': '' }), noTools)).toBeUndefined();
  });
});
