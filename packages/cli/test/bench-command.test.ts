import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/index.ts';
import { capture } from './helpers.ts';

const SCENARIO = `export default {
  name: 'cli: sum an array',
  tasks: {
    hotpathLoop: () => { let s = 0; for (let i = 0; i < 100; i++) s += i; return s; },
    reduce: () => Array.from({ length: 100 }, (_, i) => i).reduce((a, b) => a + b, 0),
  },
};
`;

describe('hotpath bench', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hotpath-cli-bench-'));
    await writeFile(join(dir, 'sum.bench.ts'), SCENARIO);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('runs hotpath-bench with the arguments it was given', async () => {
    const [stdout, stderr] = [capture(), capture()];
    const out = join(dir, 'results');
    const argv = ['bench', '--dir', dir, '--out', out, '--smoke'];
    expect(await runCli(argv, { stdout, stderr, cwd: dir })).toBe(0);
    expect(stdout.text()).toContain('cli: sum an array');
    expect(stdout.text()).toContain('hotpathLoop');
    expect((await readdir(out)).some((file) => file.endsWith('.json'))).toBe(true);
  });

  it('passes hotpath-bench usage errors through with exit code 2', async () => {
    const [stdout, stderr] = [capture(), capture()];
    expect(await runCli(['bench', '--rounds', 'many'], { stdout, stderr, cwd: dir })).toBe(2);
    expect(stderr.text()).toContain('--rounds');
  });
});
