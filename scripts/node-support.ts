// What a stranger sees on each Node.js version, from the packed packages installed into an empty
// project outside the workspace:
// - on an unsupported Node (20, and 22 before the floor), importing any entry of any package fails
//   at once with UnsupportedNodeError (HOTPATH_PROTOCOL_UNSUPPORTED_NODE) naming the floor, and
//   every bin exits non-zero naming it, instead of an unrelated TypeError from deep inside;
// - on every supported Node, every entry imports, and require() loads it from CommonJS too;
// - a bundler that honours `sideEffects` (rolldown, tree-shaking an app that imports one export of
//   an entry) keeps the version check.
//   node scripts/node-support.ts [--packs <dir>]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { rolldown } from 'rolldown';
import { MIN_NODE_VERSION } from '../packages/protocol/src/supported-node.ts';
import { nodeBinary, SUPPORTED_NODE_SPECS } from './lib/node-binaries.ts';
import { fromTarballs, npmProject } from './lib/project.ts';
import { packedPackages } from './lib/tarballs.ts';
import { exportedEntries, outputOf, publishedPackages, run } from './lib/workspace.ts';

/** Unsupported versions tried: the previous LTS, and the last 22 whose undici import crashes. */
const UNSUPPORTED_NODE_SPECS = ['20', '22.13'];
const CODE = 'HOTPATH_PROTOCOL_UNSUPPORTED_NODE';

const { values } = parseArgs({ options: { packs: { type: 'string' } } });
const { tarballs, cleanup } = packedPackages(values.packs);
const packages = publishedPackages();
let failures = 0;
const fail = (line: string): void => {
  failures++;
  console.error(`FAIL  ${line}`);
};

/** Imports `specifier` in a fresh process; returns what happened as JSON. */
function tryImport(node: string, env: NodeJS.ProcessEnv, cwd: string, specifier: string) {
  const probe = `try { await import(${JSON.stringify(specifier)}); console.log(JSON.stringify({ loaded: true })) }
    catch (e) { console.log(JSON.stringify({ loaded: false, name: e?.name, code: e?.code, message: String(e?.message) })) }`;
  const out = run(node, ['--input-type=module', '-e', probe], { cwd, env }).trim().split('\n');
  return JSON.parse(out.at(-1)!) as {
    loaded: boolean;
    name?: string;
    code?: string;
    message?: string;
  };
}

function binaries(): [string, string][] {
  return packages.flatMap((pkg) => {
    const bin = pkg.manifest.bin;
    if (bin === undefined) return [];
    return typeof bin === 'string'
      ? [[pkg.name, pkg.name.split('/').pop()!]]
      : Object.keys(bin).map((name) => [pkg.name, name] as [string, string]);
  });
}

const project = mkdtempSync(join(tmpdir(), 'hotpath-node-support-'));
/** Bundles an app importing one export of `entry` from `project`; true when the check survived. */
async function bundleKeepsCheck(project: string, entry: string, node: string): Promise<boolean> {
  const probe = `import(${JSON.stringify(entry)}).then((m) => console.log(Object.keys(m).find((k) => k !== 'default')))`;
  const name = run(node, ['--input-type=module', '-e', probe], { cwd: project }).trim();
  const input = join(project, `bundle-${entry.replace(/\W+/g, '-')}.mjs`);
  // An entry without exports (assert-node itself) is imported for its effect alone.
  const app =
    name === 'undefined'
      ? `import ${JSON.stringify(entry)};\n`
      : `import { ${name} } from ${JSON.stringify(entry)};\nconsole.log(typeof ${name});\n`;
  writeFileSync(input, app);
  const bundle = await rolldown({
    input,
    platform: 'node',
    external: [/^node:/],
    logLevel: 'silent',
  });
  const { output } = await bundle.generate({ format: 'esm' });
  await bundle.close();
  return output.some((chunk) => chunk.type === 'chunk' && chunk.code.includes(CODE));
}

try {
  npmProject(
    'node-support',
    {
      dependencies: fromTarballs(
        packages.map((p) => p.name),
        tarballs,
      ),
    },
    tarballs,
    project,
  );
  const entries = packages.flatMap((pkg) =>
    exportedEntries(pkg.manifest).map((entry) => `${pkg.name}${entry.slice(1)}`),
  );
  for (const spec of UNSUPPORTED_NODE_SPECS) {
    const node = nodeBinary(spec, project);
    for (const entry of entries) {
      const result = tryImport(node.path, node.env, project, entry);
      const ok =
        !result.loaded && result.code === CODE && result.message?.includes(MIN_NODE_VERSION);
      if (ok) console.log(`ok    Node ${node.version}: import('${entry}') throws ${CODE}`);
      else fail(`Node ${node.version}: import('${entry}') gave ${JSON.stringify(result)}`);
    }
    for (const [pkg, bin] of binaries()) {
      try {
        run(node.path, [`node_modules/.bin/${bin}`, '--help'], { cwd: project, env: node.env });
        fail(`Node ${node.version}: ${bin} (${pkg}) exited 0`);
      } catch (error) {
        const output = outputOf(error);
        if (output.includes(MIN_NODE_VERSION))
          console.log(
            `ok    Node ${node.version}: ${bin} exits ${(error as { status?: number }).status} naming ${MIN_NODE_VERSION}`,
          );
        else
          fail(
            `Node ${node.version}: ${bin} (${pkg}) failed without naming ${MIN_NODE_VERSION}:\n${output}`,
          );
      }
    }
  }
  const current = process.execPath;
  for (const entry of entries) {
    if (await bundleKeepsCheck(project, entry, current))
      console.log(`ok    a tree-shaken bundle of '${entry}' keeps the Node version check`);
    else fail(`a tree-shaken bundle of '${entry}' dropped the Node version check (sideEffects)`);
  }
  for (const spec of SUPPORTED_NODE_SPECS) {
    const node = nodeBinary(spec, project);
    for (const entry of entries) {
      const result = tryImport(node.path, node.env, project, entry);
      if (result.loaded) console.log(`ok    Node ${node.version}: import('${entry}')`);
      else fail(`Node ${node.version}: import('${entry}') failed: ${JSON.stringify(result)}`);
      // ESM-only, but CommonJS callers can require() it: no top-level await in any entry's graph.
      try {
        run(node.path, ['-e', `require(${JSON.stringify(entry)})`], {
          cwd: project,
          env: node.env,
        });
        console.log(`ok    Node ${node.version}: require('${entry}')`);
      } catch (error) {
        fail(`Node ${node.version}: require('${entry}') failed:\n${outputOf(error)}`);
      }
    }
  }
} finally {
  rmSync(project, { recursive: true, force: true });
  cleanup();
}
console.log(
  failures === 0 ? 'node support: all checks passed' : `node support: ${failures} failed`,
);
process.exitCode = failures === 0 ? 0 : 1;
