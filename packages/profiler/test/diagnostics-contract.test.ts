import { fileURLToPath } from 'node:url';
import { scanPublishedChannels } from '@hotpath/testing';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CHANNELS, DEFAULT_HIT_RATES } from '../src/index.ts';

// The profiler may not import the packages beside it, so this scan is the link between the
// channel names the packages own and the profiler's defaults.
const root = fileURLToPath(new URL('../../../', import.meta.url));
const scan = scanPublishedChannels(root);
const where = (name: string): string =>
  (scan.published.get(name) ?? []).map((call) => `${call.file}:${call.line}`).join(', ');

describe("collectDiagnostics' default channels and the channels the packages publish", () => {
  it('finds the publishers it must find (the scan is not silently empty)', () => {
    const packages = new Set([...scan.published.keys()].map((name) => name.split(':')[1]));
    for (const name of ['cache', 'executor', 'pool', 'stream', 'tokens', 'memory', 'gateway']) {
      expect(packages).toContain(name);
    }
  });

  it('can resolve every channel name the packages pass to channel() or tracingChannel()', () => {
    const unresolved = scan.unresolved.map((c) => `${c.file}:${c.line} channel(${c.argument})`);
    expect(unresolved, 'use a string literal or an exported *_CHANNELS constant').toEqual([]);
  });

  it('subscribes by default to every channel a package publishes', () => {
    const missing = [...scan.published.keys()]
      .filter((name) => !DEFAULT_CHANNELS.includes(name))
      .map((name) => `${name} (published at ${where(name)})`);
    expect(
      missing,
      'add these to DEFAULT_CHANNELS in packages/profiler/src/diagnostics.ts',
    ).toEqual([]);
  });

  it('subscribes by default to no channel that nobody publishes', () => {
    const unpublished = DEFAULT_CHANNELS.filter((name) => !scan.published.has(name));
    expect(unpublished, 'no package publishes these: remove them from DEFAULT_CHANNELS').toEqual(
      [],
    );
  });

  it('lists each default once, named hotpath:<package>:<event>, and pairs only defaults as hit rates', () => {
    expect(new Set(DEFAULT_CHANNELS).size).toBe(DEFAULT_CHANNELS.length);
    for (const name of DEFAULT_CHANNELS)
      expect(name).toMatch(/^hotpath:[a-z][a-z0-9-]*:[a-z][a-z0-9-]*$/);
    for (const [hit, miss] of DEFAULT_HIT_RATES) {
      expect(DEFAULT_CHANNELS).toContain(hit);
      expect(DEFAULT_CHANNELS).toContain(miss);
    }
  });
});
