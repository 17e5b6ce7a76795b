// What a stranger's project looks like: the tsconfig they would write for Node's type stripping,
// the third-party packages their code imports (at the versions this workspace uses), and running a
// command on a given Node binary with a time limit.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { NodeBinary } from './node-binaries.ts';
import { type Manifest, publishedPackages, readJson, root } from './workspace.ts';

/**
 * The compiler options of a stranger's project that runs TypeScript with Node's type stripping
 * (`node file.ts`, unflagged on every supported Node): what TypeScript recommends for it, on the
 * Node 22 baseline (`@tsconfig/node22`), strict.
 */
export const STRANGER_COMPILER_OPTIONS = {
  target: 'es2022',
  lib: ['es2024'],
  module: 'nodenext',
  moduleResolution: 'nodenext',
  types: ['node'],
  strict: true,
  noEmit: true,
  verbatimModuleSyntax: true,
  erasableSyntaxOnly: true,
  allowImportingTsExtensions: true,
  allowJs: true,
  checkJs: true,
  skipLibCheck: true,
} as const;

/** Packages every stranger project gets besides what its code imports. */
export const TOOLING = ['typescript', '@types/node'] as const;

const IMPORT =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*\(?\s*['"]([^'"]+)['"]/gm;

/** The package names `code` imports (`@scope/name` or `name`), not `node:` built-ins or relative paths. */
export function importedPackages(code: string): string[] {
  const names = new Set<string>();
  for (const match of code.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2]!;
    if (specifier.startsWith('.') || specifier.startsWith('node:') || specifier.startsWith('/'))
      continue;
    const parts = specifier.split('/');
    names.add(specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!);
  }
  return [...names].sort();
}

/** The version range this workspace uses for a third-party package (root first, then any package). */
export function workspaceRange(name: string): string {
  const manifests = [
    readJson<Manifest>(join(root, 'package.json')),
    ...publishedPackages().map((p) => p.manifest),
  ];
  for (const manifest of manifests) {
    for (const deps of [
      manifest.dependencies,
      manifest.devDependencies,
      manifest.peerDependencies,
    ]) {
      const range = deps?.[name];
      if (range !== undefined && !range.startsWith('workspace:')) return range;
    }
  }
  throw new Error(
    `${name} is imported by an example but no workspace package.json names a version of it`,
  );
}

/** What one command did. */
export interface Outcome {
  readonly ok: boolean;
  readonly ms: number;
  readonly output: string;
}

/**
 * Runs `args` with `node` (its binary, `PATH` set so children use it too) in `cwd`; fails when it
 * exits non-zero or is still running after `timeoutMs` (a program must exit on its own).
 */
export function runOn(
  node: NodeBinary | undefined,
  command: string,
  args: readonly string[],
  cwd: string,
  timeoutMs: number,
): Promise<Outcome> {
  const started = performance.now();
  const file = node !== undefined && command === 'node' ? node.path : command;
  const env = { ...(node?.env ?? process.env), NO_COLOR: '1', FORCE_COLOR: '0' };
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { cwd, env, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const ms = performance.now() - started;
        const timedOut = error !== null && (error as { killed?: boolean }).killed === true;
        const why = timedOut
          ? `still running after ${timeoutMs / 1000} s: a program must exit on its own\n`
          : '';
        resolve({ ok: error === null, ms, output: `${why}${stdout}${stderr}`.trim() });
      },
    );
  });
}

/** Runs `tasks` with at most `limit` at a time, keeping their order in the results. */
export async function inParallel<T>(
  tasks: readonly (() => Promise<T>)[],
  limit: number,
): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
