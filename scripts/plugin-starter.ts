// Checks the plugin starter (templates/plugin-starter) as a plugin author gets it: copied into an
// empty directory outside the workspace, its @hotpath dev dependencies installed from the packed
// tarballs (the rest from the registry), then type-checked, built, and its tests run on the
// newest Node 22 and 24.
//   node scripts/plugin-starter.ts [--packs <dir>]
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { nodeBinary, SUPPORTED_NODE_SPECS } from './lib/node-binaries.ts';
import { npmProject } from './lib/project.ts';
import { runOn } from './lib/stranger-project.ts';
import { packedPackages } from './lib/tarballs.ts';
import { type Manifest, readJson, root } from './lib/workspace.ts';

const { values } = parseArgs({ options: { packs: { type: 'string' }, keep: { type: 'boolean' } } });
const template = join(root, 'templates/plugin-starter');
const { tarballs, cleanup } = packedPackages(values.packs);
const dir = mkdtempSync(join(tmpdir(), 'hotpath-plugin-starter-'));
let failed = 0;

function step(what: string, outcome: { ok: boolean; ms: number; output: string }): void {
  if (!outcome.ok) failed++;
  const tests = /Tests\s+(.*\(\d+\))/.exec(outcome.output)?.[1];
  const summary = tests === undefined ? '' : `: ${tests}`;
  console.log(
    `${outcome.ok ? 'ok  ' : 'FAIL'}  plugin starter: ${what}${summary} (${(outcome.ms / 1000).toFixed(1)} s)`,
  );
  if (!outcome.ok)
    console.log(
      outcome.output
        .split('\n')
        .slice(0, 30)
        .map((l) => `      ${l}`)
        .join('\n'),
    );
}

try {
  cpSync(template, dir, {
    recursive: true,
    filter: (src) => !/\/(node_modules|dist)(\/|$)/.test(src),
  });
  const { devDependencies = {}, ...manifest } = readJson<Manifest & Record<string, unknown>>(
    join(template, 'package.json'),
  );
  // The @hotpath packages come from the tarballs; the starter's own ranges are kept in step with
  // the workspace by scripts/sync-starter-versions.ts (a test checks it).
  const dev = Object.fromEntries(
    Object.entries(devDependencies).map(([name, range]) => [
      name,
      tarballs.has(name) ? `file:${tarballs.get(name)}` : range,
    ]),
  );
  const started = performance.now();
  npmProject('plugin-starter', { devDependencies: dev }, tarballs, dir, manifest);
  console.log(
    `ok    plugin starter: npm install in ${dir} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
  const nodes = SUPPORTED_NODE_SPECS.map((spec) => nodeBinary(spec, dir));
  const tsc = join(dir, 'node_modules/typescript/bin/tsc');
  step(
    'type-checks (tsc --noEmit)',
    await runOn(nodes[0], 'node', [tsc, '--noEmit'], dir, 120_000),
  );
  step(
    'builds (tsc -p tsconfig.build.json)',
    await runOn(nodes[0], 'node', [tsc, '-p', 'tsconfig.build.json'], dir, 120_000),
  );
  for (const node of nodes) {
    const vitest = join(dir, 'node_modules/vitest/vitest.mjs');
    step(
      `tests pass on Node ${node.version}`,
      await runOn(node, 'node', [vitest, 'run'], dir, 300_000),
    );
  }
} finally {
  if (values.keep) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
  cleanup();
}
console.log(
  failed === 0 ? 'plugin starter: all checks passed' : `plugin starter: ${failed} checks failed`,
);
process.exitCode = failed === 0 ? 0 : 1;
