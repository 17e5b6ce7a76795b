import { readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type Simulator, startSimulator } from '@hotpath/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/index.ts';
import { capture, sourceTree } from './helpers.ts';

const FAST = ['--ttft-ms', '0', '--tps', 'Infinity', '--tokens', '4'];

describe('hotpath demo', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await sourceTree();
  });
  afterAll(() => rm(dirname(dir), { recursive: true, force: true }));

  it('prints the table and writes a self-contained HTML report with the charts', async () => {
    const [stdout, stderr] = [capture(), capture()];
    const report = join(dirname(dir), 'out', 'report.html');
    const argv = ['demo', '--files', '3', '--dir', dir, '--report', report, ...FAST];
    expect(await runCli(argv, { stdout, stderr, env: {} })).toBe(0);
    expect(stdout.text()).toContain('upstream: embedded @hotpath/simulator');
    expect(stdout.text()).toContain('3-file analysis');
    expect(stdout.text()).toContain(`report: ${report}`);
    // Not a TTY: progress is plain lines, one per file and mode.
    expect(stderr.text().match(/^ {2}\[.*\] \d+\/9 /gm)).toHaveLength(9);
    const html = await readFile(report, 'utf8');
    expect(html.match(/<svg /g)).toHaveLength(5);
    expect(html).toContain('Per-file latency by mode');
    for (const mode of ['sequential', 'cold', 'warm']) {
      expect(html).toContain(`Per-file timeline of the ${mode} run`);
    }
    expect(html).not.toMatch(/<(script|link|img|iframe)\b/i);
    expect(html).not.toMatch(/\b(src|href)\s*=/i);
    expect(html).not.toMatch(/url\(|@import/i);
  });

  it('prints the figures as JSON with --json, and writes no report with --no-report', async () => {
    const [stdout, stderr] = [capture(), capture()];
    const argv = ['demo', '--files', '2', '--dir', dir, '--json', '--no-report', ...FAST];
    expect(await runCli(argv, { stdout, stderr, env: {} })).toBe(0);
    const json = JSON.parse(stdout.text());
    expect(json.reportPath).toBeNull();
    expect(json.files).toHaveLength(2);
    expect(Object.keys(json.figures)).toEqual(['sequential', 'cold', 'warm']);
    expect(json.figures.warm.hitRate).toBe(1);
    expect(json.upstream.embedded).toBe(true);
  });

  it('redraws the progress bar in place on a TTY', async () => {
    const [stdout, stderr] = [capture(), capture(true)];
    const argv = ['demo', '--files', '1', '--dir', dir, '--no-report', ...FAST];
    expect(await runCli(argv, { stdout, stderr, env: {} })).toBe(0);
    expect(stderr.text()).toContain('\r\x1b[2K');
    expect(stderr.text()).not.toContain('\n');
  });

  describe('against a real Anthropic-style endpoint', () => {
    let sim: Simulator;
    beforeAll(async () => {
      sim = await startSimulator({ ttftMs: 0, responseTokens: 4 });
    });
    afterAll(() => sim?.close());

    it('speaks the Messages API when HOTPATH_PROVIDER=anthropic, and says so', async () => {
      const [stdout, stderr] = [capture(), capture()];
      const env = {
        HOTPATH_BASE_URL: sim.url,
        HOTPATH_PROVIDER: 'anthropic',
        HOTPATH_MODEL: 'sim-large',
      };
      const argv = ['demo', '--files', '2', '--callers', '2', '--dir', dir, '--no-report'];
      expect(await runCli(argv, { stdout, stderr, env })).toBe(0);
      expect(stdout.text()).toContain(`Anthropic upstream ${sim.url}, model sim-large`);
      // Two warm-ups, two sequential calls, two cold calls, 2 + 1 for the same question asked
      // by 2 callers; the warm run is all cache hits.
      expect(sim.stats().routes['anthropic.messages']).toBe(9);
      expect(sim.stats().routes['openai.chat']).toBe(0);
    });
  });

  it('stops with exit code 130 when its signal aborts mid-run', async () => {
    const [stdout, stderr] = [capture(), capture()];
    const controller = new AbortController();
    const argv = [
      'demo',
      '--files',
      '3',
      '--dir',
      dir,
      '--no-report',
      '--ttft-ms',
      '20',
      '--tps',
      'Infinity',
    ];
    const exit = runCli(argv, { stdout, stderr, env: {}, signal: controller.signal });
    await stderr.waitFor(/1\/9 sequential/);
    controller.abort();
    expect(await exit).toBe(130);
    expect(stderr.text()).toContain('hotpath: stopped');
    expect(stderr.text()).not.toContain('cold');
    expect(stdout.text()).toBe('');
  });

  it('exits 1 with a clear message when the upstream does not answer', async () => {
    const [stdout, stderr] = [capture(), capture()];
    const env = { HOTPATH_BASE_URL: 'http://127.0.0.1:9/v1' };
    const argv = ['demo', '--files', '1', '--dir', dir, '--no-report'];
    expect(await runCli(argv, { stdout, stderr, env })).toBe(1);
    expect(stderr.text()).toContain('HOTPATH_CLI_UPSTREAM_FAILED');
    expect(stderr.text()).toContain(
      'The first call to OpenAI-compatible upstream http://127.0.0.1:9/v1',
    );
  });
});
