// Packs every published workspace package with pnpm (so publishConfig applies, as on release)
// and checks the tarball with publint and Are the Types Wrong. Run after `pnpm build`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name: string): string => join(root, 'node_modules/.bin', name);

function publishedPackages(): string[] {
  return ['packages', 'plugins']
    .filter((group) => existsSync(join(root, group)))
    .flatMap((group) => readdirSync(join(root, group)).map((name) => join(root, group, name)))
    .filter((dir) => {
      try {
        return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).private !== true;
      } catch {
        return false;
      }
    });
}

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

const out = mkdtempSync(join(tmpdir(), 'hotpath-pack-'));
let failed = 0;
for (const dir of publishedPackages()) {
  const packed = run('npx', ['-y', 'pnpm@10', 'pack', '--pack-destination', out], dir)
    .trim()
    .split('\n')
    .at(-1)!;
  const tarball = packed.startsWith('/') ? packed : join(out, packed);
  for (const [tool, args] of [
    ['publint', ['run', tarball, '--strict']],
    ['attw', [tarball, '--profile', 'esm-only', '--no-summary']],
  ] as const) {
    try {
      run(bin(tool), [...args], dir);
      console.log(`ok    ${tool.padEnd(8)} ${dir.slice(root.length)}`);
    } catch (error) {
      failed++;
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      console.error(`FAIL  ${tool.padEnd(8)} ${dir.slice(root.length)}\n${stdout}${stderr}`);
    }
  }
}
rmSync(out, { recursive: true, force: true });
process.exit(failed === 0 ? 0 : 1);
