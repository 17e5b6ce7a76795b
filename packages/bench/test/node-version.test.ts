import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIN_NODE_VERSION } from '@hotpath/protocol';
import { describe, expect, it } from 'vitest';
import { cleanEnv, cli, node } from './cli-helpers.ts';

const packageDir = new URL('..', import.meta.url).pathname;
const bin = join(packageDir, 'bin/hotpath-bench.cjs');
const pretend = new URL('./fixtures/pretend-node.cjs', import.meta.url).pathname;
const engines = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).engines.node;

function on(version: string, entry: string, args: readonly string[]) {
  return spawnSync(node, ['-r', pretend, entry, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: cleanEnv({ PRETEND_NODE_VERSION: version }),
  });
}

describe('hotpath-bench on an unsupported Node.js', () => {
  it('declares the floor of @hotpath/protocol in engines', () => {
    expect(engines).toBe(`>=${MIN_NODE_VERSION}`);
  });

  it.each([
    ['18.20.0', ['--help']],
    ['20.19.1', ['compare', '--base', 'main']],
    ['22.18.0', ['run', '--dir', '.']],
  ])(
    'on Node %s, `%s` exits 2 naming MIN_NODE_VERSION, before running anything',
    (version, args) => {
      const result = on(version, cli, args);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('HOTPATH_PROTOCOL_UNSUPPORTED_NODE');
      expect(result.stderr).toContain(`Node.js ${MIN_NODE_VERSION} or later`);
      expect(result.stderr).toContain(`this is Node.js ${version}`);
      expect(result.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    },
  );

  it('runs on the oldest supported version', () => {
    const result = on(MIN_NODE_VERSION, cli, ['--help']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it.runIf(existsSync(join(packageDir, 'dist/cli.js')))(
    'the published binary (built dist) exits 2 naming MIN_NODE_VERSION',
    () => {
      const result = on('20.19.1', bin, ['--help']);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(`Node.js ${MIN_NODE_VERSION} or later`);
    },
  );

  it('the published binary exits 2 naming the required version when its install is broken', () => {
    const copy = mkdtempSync(join(tmpdir(), 'hotpath-bench-bin-'));
    cpSync(join(packageDir, 'bin'), join(copy, 'bin'), { recursive: true });
    cpSync(join(packageDir, 'package.json'), join(copy, 'package.json'));
    const result = on('', join(copy, 'bin/hotpath-bench.cjs'), ['--help']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`hotpath-bench could not start on Node.js ${process.version}`);
    expect(result.stderr).toContain(`it needs ${engines}`);
  });
});
