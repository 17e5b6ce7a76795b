import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';

const cli = new URL('../src/cli.ts', import.meta.url).pathname;

function run(args: string[]): ChildProcess {
  return spawn(process.execPath, ['--conditions=@hotpath/source', cli, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function output(child: ChildProcess, until: RegExp): Promise<string> {
  let text = '';
  for await (const chunk of child.stdout!) {
    text += String(chunk);
    if (until.test(text)) break;
  }
  return text;
}

describe('hotpath-sim', () => {
  it('listens on 127.0.0.1 with the given flags, serves requests, and exits cleanly on SIGTERM', async () => {
    const child = run(['--port', '0', '--ttft', '0', '--tps', 'Infinity', '--tokens', '4']);
    const exited = once(child, 'exit');
    const text = await output(child, /listening on http:\/\/127\.0\.0\.1:\d+/);
    const url = text.match(/http:\/\/127\.0\.0\.1:\d+/)![0];
    const res = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] }),
    });
    const body = (await res.json()) as { usage: { completion_tokens: number } };
    expect(body.usage.completion_tokens).toBe(4);
    child.kill('SIGTERM');
    expect(await exited).toEqual([0, null]);
  });

  it('prints usage for --help and fails with usage on a bad flag', async () => {
    const help = run(['--help']);
    const helpExit = once(help, 'exit');
    expect(await output(help, /--tps/)).toContain('Usage: hotpath-sim');
    expect((await helpExit)[0]).toBe(0);
    const bad = run(['--tps', 'fast']);
    let stderr = '';
    bad.stderr!.on('data', (chunk) => {
      stderr += String(chunk);
    });
    expect((await once(bad, 'exit'))[0]).toBe(1);
    expect(stderr).toContain('--tps must be a number');
  });
});
