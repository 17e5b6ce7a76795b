import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/index.ts';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hotpath-bench-usage-'));
  writeFileSync(
    join(dir, 'a.bench.ts'),
    'export default { name: "a", tasks: { anything: () => 1 } };\n',
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, {
    cwd: dir,
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
  });
  return { code, out, err };
}

describe('hotpath-bench usage errors exit 2 and say what to do', () => {
  it.each([
    [['--rounds', 'many'], /--rounds must be an integer ≥ 2, got "many"/],
    [['--rounds', '1'], /--rounds must be an integer ≥ 2/],
    [['--threshold=-1'], /--threshold must be a number ≥ 0/],
    [['--statistic', 'p99'], /--statistic must be "median" or "mean"/],
    [['--frobnicate'], /Unknown option '--frobnicate'/],
    [['compare'], /compare needs the base revision: pass --base <git ref>/],
    [['run', '--base', 'main'], /--base only applies to `hotpath-bench compare`/],
    [['--fail-on-noise'], /--fail-on-noise only applies to `hotpath-bench compare`/],
    [['compare', '--base', 'x', '--processes', '1'], /--processes must be an integer ≥ 2/],
    [
      ['compare', '--base', 'x', '--install', 'make', '--no-install'],
      /--install and --no-install contradict/,
    ],
    [['--processes', '0'], /--processes must be an integer ≥ 1/],
    [['nothing-matches'], /HOTPATH_BENCH_NO_SCENARIOS.*No \*\.bench\.ts files found/],
    [['--dir', 'missing'], /HOTPATH_BENCH_NO_SCENARIOS/],
  ])('%j', async (argv, message) => {
    const { code, err } = await cli(...argv);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });

  it('points every usage error at --help', async () => {
    const { err } = await cli('--rounds', 'x');
    expect(err).toContain('error HOTPATH_BENCH_USAGE');
    expect(err).toContain('Run `hotpath-bench --help` for usage.');
  });

  it('says when --task matches no task', async () => {
    const { code, err } = await cli('--task', 'no such task', '--rounds', '2', '--time', '1');
    expect(code).toBe(2);
    expect(err).toContain('--task "no such task" matched no task');
  });

  it('compare outside a git repository is a setup error', async () => {
    const { code, err } = await cli('compare', '--base', 'HEAD~1');
    expect(code).toBe(2);
    expect(err).toContain('HOTPATH_BENCH_BASE_SETUP');
  });

  it('prints help and exits 0', async () => {
    const { code, out } = await cli('--help');
    expect(code).toBe(0);
    expect(out).toContain('hotpath-bench compare --base <ref>');
    expect(out).toContain('Exit codes: 0 ok');
    expect(out).toContain('3 too noisy with --fail-on-noise');
  });
});
