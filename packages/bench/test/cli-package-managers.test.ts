import { execFileSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanEnv, git, hotpathBench, QUICK, repository, SPIN } from './cli-helpers.ts';

// One project per package manager, each with a dependency (a local package, so no registry
// is needed for it) that the scenario imports: the base checkout only loads if the base was
// really installed, with that project's own manager and lockfile.
const managers = [
  {
    name: 'npm',
    install: ['npm', 'install', '--no-audit', '--no-fund'],
    lockfile: 'package-lock.json',
    expect: /base: npm ci /u,
  },
  {
    name: 'pnpm',
    install: ['npx', '-y', 'pnpm@10', 'install'],
    lockfile: 'pnpm-lock.yaml',
    expect: /base: (npx -y pnpm@10|pnpm) install --frozen-lockfile/u,
  },
  {
    name: 'yarn',
    install: ['npx', '-y', 'yarn@1', 'install', '--non-interactive'],
    lockfile: 'yarn.lock',
    expect: /base: (npx -y yarn@1|yarn) install --frozen-lockfile/u,
  },
  {
    name: 'bun',
    install: ['npx', '-y', 'bun', 'install'],
    lockfile: 'bun.lock',
    expect: /base: (npx -y bun@latest|bun) install --frozen-lockfile/u,
  },
] as const;

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

const scenario = (n: number) =>
  `import { spin } from 'spin-dep';\nexport default { name: 'dep', tasks: { work: spin(${n}) } };\n`;

function project(manager: (typeof managers)[number]): string {
  const root = repository(`hotpath-bench-${manager.name}-`, {
    '.gitignore': 'node_modules/\n.hotpath/\n',
    'package.json': JSON.stringify({
      name: `project-${manager.name}`,
      private: true,
      type: 'module',
      dependencies: { 'spin-dep': 'file:./vendor/spin-dep' },
    }),
    'vendor/spin-dep/package.json': JSON.stringify({
      name: 'spin-dep',
      version: '1.0.0',
      type: 'module',
      exports: './index.js',
    }),
    'vendor/spin-dep/index.js': `${SPIN.replace('const spin', 'export const spin')}\n`,
    'bench/dep.bench.ts': scenario(20_000),
  });
  roots.push(root);
  execFileSync(manager.install[0], manager.install.slice(1), {
    cwd: root,
    env: cleanEnv(),
    stdio: 'pipe',
  });
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', `lockfile of ${manager.name}`);
  // 10× slower, not 3×: four installs run before the compare, and a 3× change was called "too
  // noisy to decide" now and then on a loaded 2-core machine.
  writeFileSync(join(root, 'bench/dep.bench.ts'), scenario(200_000));
  git(root, 'commit', '-qam', 'head: 10x slower');
  return root;
}

describe('compare installs the base with the project’s own package manager', {
  timeout: 120_000,
}, () => {
  it.each(managers)(
    '$name project: installs the base from $lockfile and finds the regression',
    (manager) => {
      const root = project(manager);
      expect(existsSync(join(root, manager.lockfile))).toBe(true);
      const result = hotpathBench(root, [
        'compare',
        '--base',
        'HEAD~1',
        '--dir',
        'bench',
        ...QUICK,
      ]);
      expect(result.stderr).toMatch(manager.expect);
      expect(result.stderr).toContain(`(${manager.name}, from ${manager.lockfile}`);
      expect(result, result.stdout + result.stderr).toMatchObject({ status: 1 });
      expect(result.stdout).toContain('1 regression(s) beyond +2%: dep › work.');
    },
  );
});
