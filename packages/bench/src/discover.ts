import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InvalidScenarioError, NoScenariosError } from './errors.ts';
import { type Scenario, type ScenarioCheck, toScenarios } from './scenario.ts';

const BENCH_FILE = /\.bench\.(?:ts|mts|js|mjs)$/;
const SKIPPED = new Set(['node_modules', 'dist', 'coverage']);

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return SKIPPED.has(entry.name) || entry.name.startsWith('.') ? [] : walk(path);
    }
    return entry.isFile() && BENCH_FILE.test(entry.name) ? [path] : [];
  });
}

/**
 * Finds `*.bench.ts` (and `.mts`/`.js`/`.mjs`) files under `dir`, skipping
 * `node_modules`, `dist` and dot folders. With `words`, keeps only files whose path
 * relative to `dir` contains one of them. Sorted, absolute paths. Throws
 * {@link NoScenariosError} (`HOTPATH_BENCH_NO_SCENARIOS`) when nothing matches.
 */
export function discoverBenchFiles(dir: string, words: readonly string[] = []): string[] {
  const root = resolve(dir);
  let files: string[];
  try {
    files = walk(root);
  } catch (error) {
    throw new NoScenariosError(root, { cause: error });
  }
  const matched = files
    .filter(
      (file) => words.length === 0 || words.some((word) => relative(root, file).includes(word)),
    )
    .sort();
  if (matched.length === 0) {
    throw new NoScenariosError(words.length ? `${root} matching ${words.join(', ')}` : root);
  }
  return matched;
}

/**
 * Imports a `*.bench.ts` file and returns its scenarios. The file resolves its own
 * imports from its own folder, so a base worktree's file uses the base's packages.
 * Throws {@link InvalidScenarioError} (`HOTPATH_BENCH_INVALID_SCENARIO`) when it fails
 * to load or exports something else.
 */
export async function loadScenarios(file: string, check: ScenarioCheck = {}): Promise<Scenario[]> {
  let module: { default?: unknown };
  try {
    module = (await import(pathToFileURL(resolve(file)).href)) as { default?: unknown };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidScenarioError(file, `it failed to load (${reason})`, { cause: error });
  }
  return toScenarios(file, module.default, check);
}
