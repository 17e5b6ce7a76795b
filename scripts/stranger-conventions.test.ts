// What every published package promises a stranger, checked on the manifests and sources: the
// supported Node versions in `engines`, the version check imported first by every entry, entries
// kept by bundlers, no syntax Node 22 cannot parse, and READMEs that work on the npm page.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIN_NODE_VERSION } from '../packages/protocol/src/supported-node.ts';
import { exportedEntries, publishedPackages, root } from './lib/workspace.ts';
import { PENDING_USING_DECLARATIONS } from './pending-final-pass.ts';

const packages = publishedPackages();
const REPO = 'https://github.com/hotpath-dev/hotpath';

/** The source file behind a published entry: its `@hotpath/source` target. */
function sourceOf(exports: Record<string, unknown>, entry: string): string {
  const target = exports[entry] as Record<string, string>;
  return target['@hotpath/source']!;
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

describe.each(packages)('$name', (pkg) => {
  const { manifest } = pkg;

  it(`supports Node ${MIN_NODE_VERSION} and later in engines`, () => {
    expect(manifest.engines).toEqual({ node: `>=${MIN_NODE_VERSION}` });
  });

  it('imports the Node version check first in every entry, and lists the entries as side effects', () => {
    const exports = manifest.exports as Record<string, unknown>;
    const entries = exportedEntries(manifest);
    for (const entry of entries.filter((e) => e !== './assert-node')) {
      const code = readFileSync(join(pkg.dir, sourceOf(exports, entry)), 'utf8');
      const first = code.split('\n').find((line) => /^(import|export)\b/.test(line));
      const guard =
        pkg.name === '@hotpath/protocol' ? "'./assert-node.ts'" : "'@hotpath/protocol/assert-node'";
      expect(first, `${entry} must start with import ${guard}`).toBe(`import ${guard};`);
    }
    const published = manifest.publishConfig?.exports as Record<string, { default: string }>;
    const expected = entries.map((entry) => published[entry]!.default);
    expect(manifest.sideEffects).toEqual(expected);
    if (pkg.name !== '@hotpath/protocol')
      expect(manifest.dependencies).toHaveProperty('@hotpath/protocol');
  });

  it('uses no `using` declarations, which Node 22 cannot parse', () => {
    const offenders = sourceFiles(join(pkg.dir, 'src'))
      .filter((file) => /^\s*(await\s+)?using\s+[\w$]+\s*=/m.test(readFileSync(file, 'utf8')))
      .map((file) => file.slice(root.length))
      .filter((file) => !PENDING_USING_DECLARATIONS.includes(file));
    expect(offenders).toEqual([]);
  });

  it('names its directory in the repository field, for the links on the npm page', () => {
    expect(manifest.repository).toEqual({
      type: 'git',
      url: 'git+https://github.com/hotpath-dev/hotpath.git',
      directory: pkg.path,
    });
  });

  it('has a README that says ESM-only and the Node versions, whose links work on npm, with no internal references', () => {
    const readme = readFileSync(join(pkg.dir, 'README.md'), 'utf8');
    expect(readme).toMatch(/ESM-only/);
    expect(readme).toContain(`Node.js ${MIN_NODE_VERSION.replace(/\.0$/, '')}`);
    const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
    const relative = links.filter((url) => !/^(https?:|mailto:|#)/.test(url));
    expect(relative, 'relative links break on the npm page').toEqual([]);
    for (const url of links.filter((u) => u.startsWith('https://github.com/hotpath-dev/')))
      expect(url.startsWith(`${REPO}/`), url).toBe(true);
    expect(readme).not.toMatch(/\b[Ii]ssues?\b|\bsession\b|\b[Tt]asks? #?\d+\b|(^|\s)#\d+\b/m);
  });
});

it('has a LICENSE at the root, which pnpm copies into every tarball', () => {
  expect(readFileSync(join(root, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
});

it('keeps the plugin starter on the current @hotpath versions and the workspace tool ranges', async () => {
  const { STARTER_MANIFEST, syncedStarterManifest } = await import('./sync-starter-versions.ts');
  const text = readFileSync(STARTER_MANIFEST, 'utf8');
  expect(text).toBe(syncedStarterManifest(text));
});

it('shows the plugin starter files, unchanged, as the files of the plugin guide', async () => {
  const { codeBlocks } = await import('./lib/markdown-blocks.ts');
  const guide = codeBlocks(readFileSync(join(root, 'docs/writing-plugins.md'), 'utf8'));
  const starterFiles = ['src/index.ts', 'test/index.test.ts'];
  for (const file of starterFiles) {
    const block = guide.find((b) => b.file === file);
    expect(block?.code, `docs/writing-plugins.md has a <!-- file: ${file} --> block`).toBe(
      readFileSync(join(root, 'templates/plugin-starter', file), 'utf8'),
    );
  }
});
