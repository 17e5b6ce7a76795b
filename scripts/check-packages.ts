// Checks every published package as packed by pnpm (publishConfig applied, as on release): the
// tarball holds the LICENSE, and passes publint and Are the Types Wrong (ESM-only profile).
//   node scripts/check-packages.ts [--packs <dir>]   (builds and packs first without --packs)
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { packedPackages } from './lib/tarballs.ts';
import { outputOf, publishedPackages, root, run } from './lib/workspace.ts';

const { values } = parseArgs({ options: { packs: { type: 'string' } } });
const bin = (name: string): string => join(root, 'node_modules/.bin', name);
const { tarballs, cleanup } = packedPackages(values.packs);
let failed = 0;

function check(tool: string, path: string, fn: () => void): void {
  try {
    fn();
    console.log(`ok    ${tool.padEnd(8)} ${path}`);
  } catch (error) {
    failed++;
    console.error(`FAIL  ${tool.padEnd(8)} ${path}\n${outputOf(error)}`);
  }
}

try {
  for (const pkg of publishedPackages()) {
    const tarball = tarballs.get(pkg.name)!;
    check('LICENSE', pkg.path, () => {
      const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
      if (!files.includes('package/LICENSE')) throw new Error(`${tarball} has no package/LICENSE`);
    });
    check('publint', pkg.path, () =>
      run(bin('publint'), ['run', tarball, '--strict'], { cwd: pkg.dir }),
    );
    check('attw', pkg.path, () =>
      run(bin('attw'), [tarball, '--profile', 'esm-only', '--no-summary'], { cwd: pkg.dir }),
    );
  }
} finally {
  cleanup();
}
process.exit(failed === 0 ? 0 : 1);
