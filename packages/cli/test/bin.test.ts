import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
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

describe('hotpath sim in a child process', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('stops cleanly on %s', async (signal) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@hotpath/source', bin, 'sim', '--port', '0'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    // One signal only: a second one is the user insisting, and ends the process at once.
    child.stdout.on('data', (chunk) => {
      const before = stdout;
      stdout += chunk;
      if (!before.includes('listening on') && stdout.includes('listening on')) child.kill(signal);
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(stderr).toBe('hotpath sim stopped after 0 requests\n');
  });
});
