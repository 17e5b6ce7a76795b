import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../src/index.ts';
import { capture } from './helpers.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hotpath-causes-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function serve(args: string[]): Promise<{ exit: number; stderr: string }> {
  const [stdout, stderr] = [capture(), capture()];
  const exit = await runCli(['serve', ...args], { stdout, stderr, cwd: dir });
  return { exit, stderr: stderr.text() };
}

it('prints why a config file could not be loaded, not only that it could not', async () => {
  await writeFile(join(dir, 'broken.json'), '{"upstreams": {');
  const broken = await serve(['--config', 'broken.json']);
  expect(broken.exit).toBe(1);
  expect(broken.stderr).toContain('HOTPATH_GATEWAY_CONFIG_LOAD_FAILED');
  // The JSON parser's own words: what is wrong and where.
  expect(broken.stderr).toMatch(/cause: .*JSON/);
  await writeFile(join(dir, 'throws.mjs'), "throw new Error('OPENAI_BASE is not set');\n");
  const throwing = await serve(['--config', 'throws.mjs']);
  expect(throwing.exit).toBe(1);
  expect(throwing.stderr).toContain('cause: OPENAI_BASE is not set');
});

it('prints the system error when the port is taken', async () => {
  await writeFile(
    join(dir, 'hotpath.config.json'),
    JSON.stringify({ upstreams: { u: { type: 'openai' } }, models: { m: 'u' }, cache: false }),
  );
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  try {
    const port = (taken.address() as { port: number }).port;
    const result = await serve(['--port', String(port)]);
    expect(result.exit).toBe(1);
    expect(result.stderr).toContain('HOTPATH_GATEWAY_LISTEN_FAILED');
    expect(result.stderr).toContain('EADDRINUSE');
  } finally {
    taken.close();
  }
});

it('answers a demo --dir that does not exist with its typed error and the reason, not a stack trace', async () => {
  const [stdout, stderr] = [capture(), capture()];
  const missing = join(dir, 'no-such-folder');
  const exit = await runCli(['demo', '--dir', missing, '--no-report'], {
    stdout,
    stderr,
    cwd: dir,
  });
  expect(exit).toBe(1);
  expect(stderr.text()).toContain('HOTPATH_CLI_NO_FILES');
  expect(stderr.text()).toContain('cause: ENOENT');
  expect(stderr.text()).not.toContain('unexpected error');
});
