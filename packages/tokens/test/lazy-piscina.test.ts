import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);

it('does not load piscina until a worker pool is created', async () => {
  const script = fileURLToPath(new URL('./fixtures/piscina-loads.ts', import.meta.url));
  const { stdout } = await run(process.execPath, ['--conditions=@hotpath/source', script]);
  const { inline, pooled, tokens, expected } = JSON.parse(stdout.trim()) as Record<string, number>;
  expect(inline).toBe(0);
  expect(pooled).toBeGreaterThan(0);
  expect(tokens).toBe(expected);
});
