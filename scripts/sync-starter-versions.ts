// Keeps templates/plugin-starter/package.json in step with the workspace: each @hotpath range is
// `^<the package's current version>` and each tool's range is the workspace's. The release
// workflow runs it right after `changeset version`, so the version PR updates the starter too.
//   node scripts/sync-starter-versions.ts [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { workspaceRange } from './lib/stranger-project.ts';
import { publishedPackages, root } from './lib/workspace.ts';

/** The starter's package.json as it should be, given the workspace's versions. */
export function syncedStarterManifest(text: string): string {
  const manifest = JSON.parse(text) as Record<string, Record<string, string> | unknown>;
  const versions = new Map(publishedPackages().map((p) => [p.name, p.version]));
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
    const deps = manifest[field] as Record<string, string> | undefined;
    if (deps === undefined) continue;
    for (const name of Object.keys(deps)) {
      const version = versions.get(name);
      deps[name] = version !== undefined ? `^${version}` : workspaceRange(name);
    }
  }
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Path of the starter's package.json. */
export const STARTER_MANIFEST: string = join(root, 'templates/plugin-starter/package.json');

if (import.meta.main) {
  const { values } = parseArgs({ options: { check: { type: 'boolean' } } });
  const text = readFileSync(STARTER_MANIFEST, 'utf8');
  const synced = syncedStarterManifest(text);
  if (values.check) {
    if (synced !== text) {
      console.error(
        'templates/plugin-starter/package.json is out of step: run node scripts/sync-starter-versions.ts',
      );
      process.exitCode = 1;
    }
  } else writeFileSync(STARTER_MANIFEST, synced);
}
