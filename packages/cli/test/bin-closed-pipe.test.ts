import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../src/bin.ts', import.meta.url));

it('exits quietly when its output pipe closes early (`hotpath bench --help | head -1`), without a crash', async () => {
  const child = spawn(process.execPath, ['--conditions=@hotpath/source', bin, 'bench', '--help'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The reader is gone before the first write, as `head` is once it has its lines.
  child.stdout.destroy();
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const [code] = await once(child, 'exit');
  expect(stderr).not.toContain("Unhandled 'error' event");
  expect(stderr).not.toContain('EPIPE');
  expect(code).toBe(0);
});
