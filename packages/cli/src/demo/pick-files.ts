import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DemoNoFilesError } from '../errors.ts';
import type { DemoFile } from './mode-run.ts';

const SOURCE = /\.(?:[cm]?[jt]sx?|py|go|rs|java|kt|rb|c|h|cc|cpp|hpp|cs|swift|php)$/;
const NOT_SOURCE = /\.(?:d|test|spec|bench|test-d)\.[cm]?[jt]sx?$/;
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'build', 'coverage', 'results', 'test']);
/** Larger files are skipped: the demo is about latency, not about paying for huge prompts. */
const MAX_BYTES = 64 * 1024;

/**
 * The folder the demo analyses by default: this repository's `packages/` when the CLI runs
 * from a checkout, otherwise the working directory.
 */
export function defaultDemoDir(cwd: string): string {
  const packages = fileURLToPath(new URL('../../../', import.meta.url));
  const inCheckout = basename(packages) === 'packages' && existsSync(join(packages, 'cli'));
  return inCheckout ? packages.replace(/[\\/]$/, '') : cwd;
}

async function walk(dir: string, found: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) await walk(path, found);
    else if (entry.isFile() && SOURCE.test(entry.name) && !NOT_SOURCE.test(entry.name)) {
      found.push(path);
    }
  }
}

async function fits(path: string): Promise<boolean> {
  const { size } = await stat(path);
  return size > 0 && size <= MAX_BYTES;
}

/** Every source file under `dir` (tests, builds and dependencies left out), sorted by path. */
export async function listSourceFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  await walk(dir, found);
  const sized = await Promise.all(found.map(async (path) => ((await fits(path)) ? path : '')));
  return sized.filter((path) => path !== '').sort();
}

/** Picks `count` of `sorted`, spread evenly over the list, so one run samples every corner. */
export function spread<T>(sorted: readonly T[], count: number): T[] {
  if (count >= sorted.length) return [...sorted];
  const step = sorted.length / count;
  return Array.from({ length: count }, (_, i) => sorted[Math.floor((i + 0.5) * step)] as T);
}

/**
 * `count` source files of `dir`, chosen deterministically (the same tree always gives the
 * same files), shown relative to `dir`'s parent with `/` separators.
 */
export async function pickFiles(dir: string, count: number): Promise<DemoFile[]> {
  // A folder that is missing or is a file: the typed error (its cause says which), not a stack.
  await readdir(dir).catch((error: unknown) => {
    throw new DemoNoFilesError(dir, { cause: error });
  });
  const all = await listSourceFiles(dir);
  if (all.length === 0) throw new DemoNoFilesError(dir);
  const base = dirname(dir);
  return spread(all, count).map((absolute) => ({
    path: relative(base, absolute).split(sep).join('/'),
    absolute,
  }));
}
