// What `npm install <package>` puts on disk, for every published package: each is installed
// alone into an empty project in a temporary directory outside the workspace, from its packed
// tarball (its hotpath dependencies from their tarballs too, everything else from the registry),
// and measured with `du` (file-system blocks, as "on disk" means). Prints a Markdown table:
// size on disk, and the packages installed besides it (transitive dependencies, hotpath ones
// counted apart). Packages with a size bound fail the run above it (@hotpath/tokens: 10 MB, its
// rank tables included).
//   node scripts/install-size.ts [--packs <dir>] [--only @hotpath/tokens] [--out table.md] [--verbose]
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fromTarballs, npmProject } from './lib/project.ts';
import { packedPackages } from './lib/tarballs.ts';
import { publishedPackages, root, run } from './lib/workspace.ts';

/** Upper bounds on the install size, in MB (10⁶ bytes), that a package's README promises. */
const SIZE_BOUNDS_MB: Readonly<Record<string, number>> = { '@hotpath/tokens': 10 };

const { values } = parseArgs({
  options: {
    packs: { type: 'string' },
    only: { type: 'string' },
    out: { type: 'string' },
    verbose: { type: 'boolean' },
  },
});

/** Disk usage of `path` in bytes. */
function diskBytes(path: string): number {
  return Number(run('du', ['-sk', path], { cwd: root }).split('\t')[0]) * 1024;
}

/** Every installed package directory under `modules`, nested node_modules included. */
function installedPackages(modules: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(modules)) {
    if (name.startsWith('.')) continue;
    const path = join(modules, name);
    const dirs = name.startsWith('@')
      ? readdirSync(path).map((inner) => join(path, inner))
      : [path];
    for (const dir of dirs) {
      try {
        if (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name === undefined)
          continue;
      } catch {
        continue;
      }
      found.push(dir);
      const nested = join(dir, 'node_modules');
      try {
        found.push(...installedPackages(nested));
      } catch {
        // no nested node_modules
      }
    }
  }
  return found;
}

interface Row {
  readonly name: string;
  readonly bytes: number;
  readonly dependencies: number;
  readonly hotpath: number;
  readonly bound?: number;
}

function measure(name: string, tarballs: ReadonlyMap<string, string>): Row {
  const dir = npmProject(
    'install-size',
    { dependencies: fromTarballs([name], tarballs) },
    tarballs,
  );
  try {
    const modules = join(dir, 'node_modules');
    const others = installedPackages(modules).filter((p) => !p.endsWith(`node_modules/${name}`));
    const names = others.map((p) => p.slice(p.lastIndexOf('node_modules/') + 13));
    if (values.verbose) {
      const sized = others
        .map((p, i) => [names[i]!, diskBytes(p)] as const)
        .sort((a, b) => b[1] - a[1]);
      for (const [dep, bytes] of sized)
        console.log(`    ${(bytes / 1e6).toFixed(2).padStart(7)} MB  ${dep}`);
    }
    const bound = SIZE_BOUNDS_MB[name];
    return {
      name,
      bytes: diskBytes(modules),
      dependencies: names.length,
      hotpath: names.filter((n) => n.startsWith('@hotpath/')).length,
      ...(bound !== undefined ? { bound } : {}),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const { tarballs, cleanup } = packedPackages(values.packs);
const rows: Row[] = [];
try {
  for (const pkg of publishedPackages()) {
    if (values.only !== undefined && pkg.name !== values.only) continue;
    rows.push(measure(pkg.name, tarballs));
    const row = rows.at(-1)!;
    console.log(
      `measured ${row.name}: ${(row.bytes / 1e6).toFixed(2)} MB, ${row.dependencies} dependencies`,
    );
  }
} finally {
  cleanup();
}

const over = rows.filter((row) => row.bound !== undefined && row.bytes > row.bound * 1e6);
const table = [
  '| package | on disk, installed alone | dependencies installed (of which @hotpath) | bound |',
  '| --- | ---: | ---: | --- |',
  ...rows.map((row) => {
    const bound =
      row.bound === undefined
        ? ''
        : `≤ ${row.bound} MB ${row.bytes <= row.bound * 1e6 ? 'met' : 'OVER'}`;
    return `| \`${row.name}\` | ${(row.bytes / 1e6).toFixed(2)} MB | ${row.dependencies} (${row.hotpath}) | ${bound} |`;
  }),
].join('\n');
console.log(`\n${table}\n`);
if (values.out !== undefined) writeFileSync(values.out, `${table}\n`);
for (const row of over)
  console.error(
    `${row.name} is over its ${row.bound} MB bound: ${(row.bytes / 1e6).toFixed(2)} MB`,
  );
process.exitCode = over.length === 0 ? 0 : 1;
