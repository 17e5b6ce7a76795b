// An empty npm project in a temporary directory outside the workspace, with hotpath packages
// installed from tarballs: what a stranger gets from `npm install @hotpath/…`.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './workspace.ts';

/** What to install: `name → version range or file: spec`. */
export interface ProjectDependencies {
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
}

/**
 * Writes package.json (ESM) into `dir` (a new temporary directory when omitted) and runs
 * `npm install`. Every hotpath package resolves to its tarball, also where another hotpath package
 * depends on it (npm `overrides`), since none comes from the registry. `base` is a manifest to
 * start from (a template's). Returns the directory.
 */
export function npmProject(
  name: string,
  deps: ProjectDependencies,
  tarballs: ReadonlyMap<string, string>,
  dir: string = mkdtempSync(join(tmpdir(), `hotpath-${name}-`)),
  base: Readonly<Record<string, unknown>> = {
    name,
    version: '0.0.0',
    private: true,
    type: 'module',
  },
): string {
  const overrides = Object.fromEntries([...tarballs].map(([pkg, file]) => [pkg, `file:${file}`]));
  const manifest = { ...base, ...deps, overrides };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir });
  return dir;
}

/** `file:` specs for the named hotpath packages, for {@link ProjectDependencies}. */
export function fromTarballs(
  names: readonly string[],
  tarballs: ReadonlyMap<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    names.map((name) => {
      const file = tarballs.get(name);
      if (file === undefined) throw new Error(`no tarball for ${name}`);
      return [name, `file:${file}`];
    }),
  );
}
