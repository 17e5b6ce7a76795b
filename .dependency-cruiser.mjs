// The layer rule of DESIGN.md, checked by dependency-cruiser in `pnpm lint`: imports only point
// down. The packages come from the workspace (pnpm-workspace.yaml and each package.json), and
// every one of them must have a layer below, so a new package cannot slip past the rule; a layer
// that names a package the workspace does not have fails too. `scripts/check-layers.test.ts`
// proves the rule rejects an upward import.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = import.meta.dirname;

/**
 * Bottom to top. A package may import packages of lower layers; within a layer only when the
 * layer says `peers` (a plugin may build on another plugin, as plugin-memory on plugin-metrics).
 * `@hotpath/plugin-*` means every plugin.
 */
const LAYERS = [
  { packages: ['@hotpath/protocol', '@hotpath/testing'] },
  {
    packages: [
      '@hotpath/cache',
      '@hotpath/executor',
      '@hotpath/pool',
      '@hotpath/stream',
      '@hotpath/tokens',
      '@hotpath/profiler',
      '@hotpath/memory',
      '@hotpath/bench',
      '@hotpath/simulator',
    ],
  },
  { packages: ['@hotpath/provider-kit', '@hotpath/host'] },
  { packages: ['@hotpath/plugin-*'], peers: true },
  { packages: ['@hotpath/gateway', '@hotpath/host-testing'] },
  { packages: ['@hotpath/cli', '@hotpath/benchmarks', '@hotpath/integration'] },
];

/** Every workspace package: name and folder, from pnpm-workspace.yaml's `packages` globs. */
function workspacePackages() {
  const yaml = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  const globs = [...yaml.matchAll(/^\s+-\s+['"]?([^'"\s#]+)['"]?\s*$/gm)].map((m) => m[1]);
  const dirs = globs.flatMap((glob) =>
    glob.endsWith('/*')
      ? readdirSync(join(root, glob.slice(0, -2)), { withFileTypes: true })
          .filter((entry) => entry.isDirectory())
          .map((entry) => join(glob.slice(0, -2), entry.name))
      : [glob],
  );
  return dirs.flatMap((dir) => {
    try {
      const { name } = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
      return [{ name, dir: relative(root, join(root, dir)) }];
    } catch {
      return [];
    }
  });
}

function matches(pattern, name) {
  return pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : pattern === name;
}

/** Each package's layer; throws on a package without one and on a layer naming nothing. */
function layered() {
  const packages = workspacePackages();
  for (const pattern of LAYERS.flatMap((layer) => layer.packages)) {
    if (!packages.some((p) => matches(pattern, p.name)))
      throw new Error(`.dependency-cruiser.mjs: ${pattern} names no workspace package`);
  }
  return packages.map((p) => {
    const index = LAYERS.findIndex((layer) => layer.packages.some((q) => matches(q, p.name)));
    if (index < 0) throw new Error(`.dependency-cruiser.mjs: give ${p.name} (${p.dir}) a layer`);
    return { ...p, index, peers: LAYERS[index].peers === true };
  });
}

const literal = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const under = (dirs) => `^(${dirs.map(literal).join('|')})/`;

/** One rule per package: its sources may not import a package of a higher (or, unless peers, the same) layer. */
function layerRules() {
  const packages = layered();
  return packages.flatMap((p) => {
    const above = packages.filter(
      (q) => q.dir !== p.dir && (q.index > p.index || (q.index === p.index && !p.peers)),
    );
    if (above.length === 0) return [];
    return [
      {
        name: `layers: ${p.name}`,
        comment: `${p.name} is in layer ${p.index} of DESIGN.md's "Layers, bottom to top": its sources import only lower layers`,
        severity: 'error',
        from: { path: `^${literal(p.dir)}/src/` },
        to: { path: under(above.map((q) => q.dir)) },
      },
    ];
  });
}

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    ...layerRules(),
    {
      name: 'no-unresolvable',
      comment:
        'a source file imports something that does not resolve: for a workspace package, one its package.json does not declare',
      severity: 'error',
      from: { path: '^(packages|plugins)/[^/]+/src/' },
      to: { couldNotResolve: true },
    },
    {
      name: 'no-undeclared-dependency',
      comment: 'a source file imports an npm package its package.json does not declare',
      severity: 'error',
      from: { path: '^(packages|plugins)/[^/]+/src/' },
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
  ],
  options: {
    exclude: { path: '(^|/)(node_modules|dist)/' },
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['@hotpath/source', 'import', 'types', 'default'],
      extensions: ['.ts', '.js', '.mjs', '.json'],
      mainFields: ['module', 'main', 'types'],
    },
  },
};
