import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../src/bin.ts', import.meta.url));

function hotpath(...args: string[]) {
  return spawnSync(process.execPath, ['--conditions=@hotpath/source', bin, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('the hotpath bin', () => {
  it('prints the help and exits 0', () => {
    const child = hotpath('--help');
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(child.stdout).toContain('Usage: hotpath <command> [flags]');
  });

  it('exits 2 on an unknown command, with the message on stderr', () => {
    const child = hotpath('serve-me');
    expect(child.status).toBe(2);
    expect(child.stdout).toBe('');
    expect(child.stderr).toContain('unknown command "serve-me"');
  });
});
