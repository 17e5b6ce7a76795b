import { describe, expect, it } from 'vitest';
import { runCli } from '../src/index.ts';
import { capture } from './helpers.ts';

async function run(...argv: string[]) {
  return runWith({}, ...argv);
}

async function runWith(env: NodeJS.ProcessEnv, ...argv: string[]) {
  const [stdout, stderr] = [capture(), capture()];
  const code = await runCli(argv, { stdout, stderr, env });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

describe('hotpath arguments', () => {
  it('lists every command with --help', async () => {
    const { code, stdout } = await run('--help');
    expect(code).toBe(0);
    for (const command of ['demo', 'sim', 'bench'])
      expect(stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
  });

  it('prints the package version with --version', async () => {
    const { code, stdout } = await run('--version');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('prints a command help with <command> --help', async () => {
    const demo = await run('demo', '--help');
    expect(demo.code).toBe(0);
    expect(demo.stdout).toContain('--files <n>');
    expect(demo.stdout).toContain('HOTPATH_BASE_URL');
    const sim = await run('sim', '-h');
    expect(sim).toMatchObject({ code: 0 });
    expect(sim.stdout).toContain('--fault <mode>');
  });

  it('hands bench --help to hotpath-bench', async () => {
    const { code, stdout } = await run('bench', '--help');
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: hotpath bench');
    expect(stdout).toContain('hotpath-bench compare --base <ref>');
  });

  it('exits 2 with a message for an unknown command, naming the commands', async () => {
    const { code, stdout, stderr } = await run('dmeo');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('unknown command "dmeo" (commands: demo, serve, sim, bench)');
    expect(stderr).toContain('hotpath --help');
  });

  it('exits 2 for an unknown flag, pointing at the command help', async () => {
    const { code, stderr } = await run('demo', '--fies', '3');
    expect(code).toBe(2);
    expect(stderr).toContain("Unknown option '--fies'");
    expect(stderr).toContain('hotpath demo --help');
    expect(stderr).toContain('HOTPATH_CLI_USAGE');
  });

  it('exits 2 for a bad flag value, a missing value, or no command', async () => {
    const files = await run('demo', '--files', 'ten');
    expect(files.code).toBe(2);
    expect(files.stderr).toContain('--files must be an integer from 1 to 1000, got "ten"');
    const missing = await run('sim', '--port');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("'--port <value>' argument missing");
    const none = await run();
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no command given');
    const positional = await run('sim', 'extra');
    expect(positional.code).toBe(2);
  });

  it('exits 2 for a malformed HOTPATH_BASE_URL, naming the variable', async () => {
    const { code, stderr } = await runWith(
      { HOTPATH_BASE_URL: 'api.openai.com' },
      'demo',
      '--files',
      '1',
    );
    expect(code).toBe(2);
    expect(stderr).toContain('HOTPATH_BASE_URL must be an http(s) URL, got "api.openai.com"');
  });
});
