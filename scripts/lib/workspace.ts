// The published packages of this workspace, and a small wrapper around child processes, shared by
// the scripts that check what a stranger installs (pack, examples, plugin starter, Node support,
// install size).
import { type ExecFileSyncOptions, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, with a trailing slash. */
export const root: string = fileURLToPath(new URL('../../', import.meta.url));

/** A package the workspace publishes. */
export interface PublishedPackage {
  /** `@hotpath/cache` */
  readonly name: string;
  readonly version: string;
  /** Absolute directory. */
  readonly dir: string;
  /** Directory relative to the root, e.g. `packages/cache`. */
  readonly path: string;
  /** Its package.json. */
  readonly manifest: Manifest;
}

/** The package.json fields these scripts read. */
export interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly private?: boolean;
  readonly engines?: Readonly<Record<string, string>>;
  readonly sideEffects?: boolean | readonly string[];
  readonly bin?: string | Readonly<Record<string, string>>;
  readonly exports?: Readonly<Record<string, unknown>>;
  readonly publishConfig?: { readonly exports?: Readonly<Record<string, unknown>> };
  readonly repository?: { readonly url?: string; readonly directory?: string };
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
}

/** Reads and parses a JSON file. */
export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** Every package under packages/ and plugins/ that is not private, sorted by path. */
export function publishedPackages(): PublishedPackage[] {
  return ['packages', 'plugins']
    .flatMap((group) => readdirSync(join(root, group)).map((name) => `${group}/${name}`))
    .filter((path) => existsSync(join(root, path, 'package.json')))
    .map((path) => {
      const manifest = readJson<Manifest>(join(root, path, 'package.json'));
      return {
        name: manifest.name,
        version: manifest.version,
        dir: join(root, path),
        path,
        manifest,
      };
    })
    .filter((pkg) => pkg.manifest.private !== true)
    .sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * The subpaths a package exports to users (`'.'`, `'./test-suite'` …), from the exports it
 * publishes: no `./package.json`, no blocked (`null`) or pattern entries.
 */
export function exportedEntries(manifest: Manifest): string[] {
  const exports = manifest.publishConfig?.exports ?? manifest.exports ?? {};
  return Object.entries(exports)
    .filter(([key, target]) => target !== null && key !== './package.json' && !key.includes('*'))
    .map(([key]) => key);
}

/** Runs a command and returns its stdout; on failure the error carries stdout and stderr. */
export function run(
  command: string,
  args: readonly string[],
  options: ExecFileSyncOptions & { cwd: string },
): string {
  return execFileSync(command, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
    ...options,
  }) as string;
}

/** stdout and stderr of a failed {@link run}, for a report. */
export function outputOf(error: unknown): string {
  const {
    stdout = '',
    stderr = '',
    message = String(error),
  } = error as {
    stdout?: string;
    stderr?: string;
    message?: string;
  };
  return `${stdout}${stderr}`.trim() || message;
}
