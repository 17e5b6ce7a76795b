// Proves the layer rule that `pnpm lint` runs (`.dependency-cruiser.mjs`) fails on an import
// against the layers. Each case copies the workspace's manifests (pnpm-workspace.yaml, every
// package.json) and the rule into a temporary folder, writes a few source files there, and runs
// dependency-cruiser on them exactly as `lint:layers` does.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..');
const depcruise = join(root, 'node_modules/.bin/depcruise');
const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the workspace's manifests and rule, with `files` as its only sources. */
function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'hotpath-layers-'));
  made.push(dir);
  for (const file of ['pnpm-workspace.yaml', '.dependency-cruiser.mjs']) {
    cpSync(join(root, file), join(dir, file));
  }
  for (const group of ['packages', 'plugins', 'tools']) {
    for (const entry of readdirSync(join(root, group), { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const name = entry.name;
      mkdirSync(join(dir, group, name), { recursive: true });
      cpSync(join(root, group, name, 'package.json'), join(dir, group, name, 'package.json'));
    }
  }
  cpSync(join(root, 'benchmarks/package.json'), join(dir, 'benchmarks/package.json'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

async function cruise(dir: string): Promise<{ ok: boolean; output: string }> {
  const args = ['--config', '.dependency-cruiser.mjs', 'packages', 'plugins'];
  try {
    const { stdout } = await run(depcruise, args, { cwd: dir });
    return { ok: true, output: stdout };
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${stdout}${stderr}` };
  }
}

describe('the layer rule of `pnpm lint`', () => {
  it('passes imports that point down, and plugins that build on plugins', async () => {
    const dir = workspace({
      'packages/protocol/src/index.ts': 'export const base = 1;\n',
      'packages/stream/src/index.ts': "export { base } from '../../protocol/src/index.ts';\n",
      'plugins/metrics/src/index.ts':
        "export { base } from '../../../packages/stream/src/index.ts';\n",
      'plugins/memory/src/index.ts': "export { base } from '../../metrics/src/index.ts';\n",
    });
    const result = await cruise(dir);
    expect(result.output).toContain('no dependency violations found');
    expect(result.ok).toBe(true);
  });

  it('fails a package that imports a higher layer', async () => {
    const dir = workspace({
      'packages/stream/src/index.ts': 'export const stream = 1;\n',
      'plugins/openai/src/index.ts':
        "export { stream } from '../../../packages/stream/src/index.ts';\n",
      'packages/protocol/src/index.ts': "export { stream } from '../../stream/src/index.ts';\n",
      'packages/pool/src/index.ts':
        "export { stream } from '../../../plugins/openai/src/index.ts';\n",
    });
    const result = await cruise(dir);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(
      /error layers: @hotpath\/protocol: packages\/protocol\/src\/index\.ts → packages\/stream/,
    );
    expect(result.output).toMatch(
      /error layers: @hotpath\/pool: packages\/pool\/src\/index\.ts → plugins\/openai/,
    );
  });

  it('fails an import sideways within a layer that is not a peer layer', async () => {
    const dir = workspace({
      'packages/cache/src/index.ts': 'export const cache = 1;\n',
      'packages/executor/src/index.ts': "export { cache } from '../../cache/src/index.ts';\n",
    });
    const result = await cruise(dir);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/error layers: @hotpath\/executor/);
  });

  it('fails an import of a workspace package the importer does not declare', async () => {
    const dir = workspace({
      'packages/protocol/src/index.ts': "export * from '@hotpath/host';\n",
    });
    const result = await cruise(dir);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/error no-unresolvable/);
  });
});
