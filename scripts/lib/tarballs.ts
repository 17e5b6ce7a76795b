// Packs the published packages with pnpm, as a release does (publishConfig applies and
// `workspace:` ranges become versions), so every check runs on what npm users would install.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type PublishedPackage, publishedPackages, root, run } from './workspace.ts';

/** The file name `pnpm pack` gives a package: `@hotpath/plugin-cache@1.2.0` → `hotpath-plugin-cache-1.2.0.tgz`. */
export function tarballName(pkg: Pick<PublishedPackage, 'name' | 'version'>): string {
  return `${pkg.name.replace(/^@/, '').replace('/', '-')}-${pkg.version}.tgz`;
}

/** Builds every package (`tsc -b`, incremental) and packs them all into `out`. */
export function buildAndPack(out: string): void {
  run(join(root, 'node_modules/.bin/tsc'), ['-b', 'tsconfig.build.json'], { cwd: root });
  mkdirSync(out, { recursive: true });
  const filters = ['./packages/*', './plugins/*'].flatMap((glob) => ['--filter', glob]);
  run('npx', ['-y', 'pnpm@10', '-r', ...filters, 'pack', '--pack-destination', out], {
    cwd: root,
  });
}

/** The tarballs in `dir`, by package name; throws naming any published package missing there. */
export function tarballsIn(dir: string): Map<string, string> {
  const files = new Set(readdirSync(dir));
  const tarballs = new Map<string, string>();
  const missing: string[] = [];
  for (const pkg of publishedPackages()) {
    const file = tarballName(pkg);
    if (files.has(file)) tarballs.set(pkg.name, join(dir, file));
    else missing.push(`${pkg.name} (${file})`);
  }
  if (missing.length > 0)
    throw new Error(`no tarball in ${dir} for ${missing.join(', ')}: run scripts/pack.ts first`);
  return tarballs;
}

/**
 * The packed packages: those in `--packs <dir>` when given (as `.ci/run` does, packing once for
 * every check), else freshly built and packed into a temporary directory that `cleanup` removes.
 */
export function packedPackages(packs: string | undefined): {
  tarballs: Map<string, string>;
  cleanup: () => void;
} {
  if (packs !== undefined && existsSync(packs)) {
    return { tarballs: tarballsIn(resolve(packs)), cleanup: () => {} };
  }
  const dir = packs ?? mkdtempSync(join(tmpdir(), 'hotpath-packs-'));
  buildAndPack(dir);
  const cleanup =
    packs === undefined ? () => rmSync(dir, { recursive: true, force: true }) : () => {};
  return { tarballs: tarballsIn(dir), cleanup };
}
