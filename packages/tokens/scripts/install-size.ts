// What `npm install @hotpath/tokens` puts on disk: builds and packs the package (and the
// workspace packages it depends on), installs the tarballs with npm into an empty project in a
// temporary directory outside the workspace, and measures node_modules with `du`.
// Exits 1 when it is over the bound (10 MB), listing the largest packages.
//   node packages/tokens/scripts/install-size.ts [--max-mb 10]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { 'max-mb': { type: 'string', default: '10' } } });
const maxBytes = Number(values['max-mb']) * 1_000_000;
const root = fileURLToPath(new URL('../../../', import.meta.url));
const run = (command: string, args: string[], cwd: string): string =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

/** Packs `dir` with pnpm (workspace: ranges become versions) into `into`; returns the file. */
function pack(dir: string, into: string): string {
  const before = new Set(readdirSync(into));
  run('npx', ['-y', 'pnpm@10', 'pack', '--pack-destination', into], join(root, dir));
  const file = readdirSync(into).find((name) => !before.has(name) && name.endsWith('.tgz'));
  if (!file) throw new Error(`pnpm pack wrote no tarball for ${dir}`);
  return join(into, file);
}

/** Disk usage of `path` in bytes (`du -sk`, so file-system blocks, as "on disk" means). */
function diskBytes(path: string): number {
  return Number(run('du', ['-sk', path], root).split('\t')[0]) * 1024;
}

run(join(root, 'node_modules/.bin/tsc'), ['-b', 'packages/tokens/tsconfig.json'], root);
const work = mkdtempSync(join(tmpdir(), 'hotpath-tokens-install-'));
try {
  const tokens = pack('packages/tokens', work);
  const protocol = pack('packages/protocol', work);
  // The workspace packages are not on the registry: npm takes them from the tarballs.
  const manifest = {
    name: 'install-size-probe',
    private: true,
    dependencies: { '@hotpath/tokens': `file:${tokens}` },
    overrides: { '@hotpath/protocol': `file:${protocol}` },
  };
  writeFileSync(join(work, 'package.json'), JSON.stringify(manifest, null, 2));
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], work);
  const modules = join(work, 'node_modules');
  const total = diskBytes(modules);
  const packages = listPackages(modules).map(
    (dir) => [dir.slice(modules.length + 1), diskBytes(dir)] as const,
  );
  packages.sort((a, b) => b[1] - a[1]);
  for (const [name, bytes] of packages)
    console.log(`${(bytes / 1e6).toFixed(2).padStart(7)} MB  ${name}`);
  const verdict = total <= maxBytes ? 'within' : 'OVER';
  console.log(
    `@hotpath/tokens installed alone: ${(total / 1e6).toFixed(2)} MB on disk (${verdict} the ${maxBytes / 1e6} MB bound)`,
  );
  process.exitCode = total <= maxBytes ? 0 : 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** Every installed package directory under `modules` (scoped ones included). */
function listPackages(modules: string): string[] {
  const dirs: string[] = [];
  for (const name of readdirSync(modules)) {
    if (name.startsWith('.')) continue;
    const path = join(modules, name);
    if (name.startsWith('@')) dirs.push(...readdirSync(path).map((inner) => join(path, inner)));
    else dirs.push(path);
  }
  return dirs.filter((dir) => {
    try {
      return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name !== undefined;
    } catch {
      return false;
    }
  });
}
