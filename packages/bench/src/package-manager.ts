import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** A package manager hotpath-bench can install a base checkout with. */
export type PackageManagerName = 'npm' | 'pnpm' | 'yarn' | 'bun';

/** A command line: the program and its arguments. */
export type Command = readonly [program: string, ...args: string[]];

/** How a project installs and builds, as found in its files. */
export interface InstallPlan {
  readonly manager: PackageManagerName;
  /** What the choice rests on, for the log: `pnpm-lock.yaml`, `packageManager: "yarn@4.5.0"` … */
  readonly reason: string;
  readonly install: Command;
  /** `<manager> run build` when package.json has a `build` script. */
  readonly build?: Command | undefined;
}

const LOCKFILES: readonly [string, PackageManagerName][] = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
  ['yarn.lock', 'yarn'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
];

/** The lockfile names {@link detectInstall} recognises. */
export const LOCKFILE_NAMES: readonly string[] = LOCKFILES.map(([file]) => file);

interface Manifest {
  readonly packageManager?: unknown;
  readonly scripts?: Record<string, unknown>;
}

function readManifest(dir: string): Manifest | undefined {
  const path = join(dir, 'package.json');
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  } catch {
    return {};
  }
}

function onPath(program: string, env: NodeJS.ProcessEnv): boolean {
  const names = process.platform === 'win32' ? [`${program}.cmd`, `${program}.exe`] : [program];
  return (env.PATH ?? '')
    .split(delimiter)
    .some((dir) => dir !== '' && names.some((name) => existsSync(join(dir, name))));
}

function text(dir: string, file: string): string {
  const path = join(dir, file);
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

/** The pnpm major that writes this lockfile version (what `npx -y pnpm@…` should run). */
function pnpmMajor(dir: string): string {
  const version = /lockfileVersion:\s*'?(\d+)/.exec(text(dir, 'pnpm-lock.yaml'))?.[1];
  return version === '5' ? '7' : version === '6' ? '8' : '10';
}

function yarnBinary(dir: string, pinned: string | undefined, env: NodeJS.ProcessEnv): Command {
  const yarnPath = /^yarnPath:\s*["']?([^"'\n]+)/m.exec(text(dir, '.yarnrc.yml'))?.[1];
  if (yarnPath) return [process.execPath, join(dir, yarnPath.trim())];
  if (onPath('yarn', env)) return ['yarn'];
  const classic = text(dir, 'yarn.lock').includes('# yarn lockfile v1');
  const major = pinned?.split('.')[0];
  if (classic || major === '1') return ['npx', '-y', `yarn@${pinned ?? '1'}`];
  return ['npx', '-y', `@yarnpkg/cli-dist@${pinned ?? '4'}`];
}

function binary(
  manager: PackageManagerName,
  dir: string,
  pinned: string | undefined,
  env: NodeJS.ProcessEnv,
): Command {
  if (manager === 'npm') return ['npm'];
  if (manager === 'yarn') return yarnBinary(dir, pinned, env);
  if (onPath(manager, env)) return [manager];
  if (manager === 'pnpm') return ['npx', '-y', `pnpm@${pinned ?? pnpmMajor(dir)}`];
  return ['npx', '-y', `bun@${pinned ?? 'latest'}`];
}

function installArgs(manager: PackageManagerName, dir: string, locked: boolean): string[] {
  if (manager === 'npm') {
    return [locked ? 'ci' : 'install', '--no-audit', '--no-fund', '--prefer-offline'];
  }
  if (!locked) return ['install'];
  if (manager === 'pnpm') return ['install', '--frozen-lockfile', '--prefer-offline'];
  if (manager === 'bun') return ['install', '--frozen-lockfile'];
  const classic = text(dir, 'yarn.lock').includes('# yarn lockfile v1');
  return classic
    ? ['install', '--frozen-lockfile', '--non-interactive']
    : ['install', '--immutable'];
}

function pinnedManager(
  manifest: Manifest,
): { name: PackageManagerName; version: string } | undefined {
  const field = typeof manifest.packageManager === 'string' ? manifest.packageManager : '';
  const match = /^(npm|pnpm|yarn|bun)@(\d[^+\s]*)/.exec(field);
  return match ? { name: match[1] as PackageManagerName, version: match[2]! } : undefined;
}

/**
 * How the project in `dir` installs: the `packageManager` field of its package.json if it
 * names npm, pnpm, yarn or bun, else its lockfile (`pnpm-lock.yaml`, `bun.lock(b)`,
 * `yarn.lock`, `package-lock.json`), else npm without a lockfile. The install is frozen to
 * the lockfile when there is one, and the `build` script, if any, runs after it. The
 * manager runs from PATH when it is there, else through `npx -y` (pnpm at the major that
 * writes the lockfile's version; yarn 1 for a v1 lockfile; a repository's own `yarnPath`
 * first). Undefined when there is no package.json.
 */
export function detectInstall(
  dir: string,
  env: NodeJS.ProcessEnv = process.env,
): InstallPlan | undefined {
  const manifest = readManifest(dir);
  if (manifest === undefined) return undefined;
  const pinned = pinnedManager(manifest);
  const lock = LOCKFILES.find(
    ([file, manager]) => existsSync(join(dir, file)) && (!pinned || pinned.name === manager),
  );
  const manager = pinned?.name ?? lock?.[1] ?? 'npm';
  const reason = pinned
    ? `packageManager: "${String(manifest.packageManager)}"`
    : (lock?.[0] ?? 'no lockfile');
  const bin = binary(manager, dir, pinned?.version, env);
  const build =
    typeof manifest.scripts?.build === 'string' ? ([...bin, 'run', 'build'] as const) : undefined;
  return {
    manager,
    reason,
    install: [...bin, ...installArgs(manager, dir, lock !== undefined)],
    ...(build ? { build } : {}),
  };
}
