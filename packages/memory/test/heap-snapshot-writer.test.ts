import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createHeapSnapshotWriter, detectLeak, hasHeadroom } from '../src/index.ts';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hotpath-memory-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

it('writes one snapshot, then rate-limits, and publishes the path', () => {
  const directory = join(tempDir(), 'nested');
  const published: unknown[] = [];
  const listener = (message: unknown): void => void published.push(message);
  subscribe('hotpath:memory:heap-snapshot', listener);
  try {
    const writer = createHeapSnapshotWriter({ directory, minIntervalMs: 60_000 });
    const first = writer.write();
    expect(first.written).toBe(true);
    const path = (first as { path: string }).path;
    expect(readdirSync(directory)).toHaveLength(1);
    expect(readFileSync(path, 'utf8').slice(0, 12)).toBe('{"snapshot":');
    expect(writer.write()).toEqual({ written: false, reason: 'rate-limited' });
    expect(readdirSync(directory)).toHaveLength(1);
    expect(published).toEqual([{ path }]);
  } finally {
    unsubscribe('hotpath:memory:heap-snapshot', listener);
  }
});

it('skips the write when the heap lacks headroom', () => {
  const directory = tempDir();
  expect(hasHeadroom(1e9)).toBe(false);
  const writer = createHeapSnapshotWriter({ directory, headroomFactor: 1e9 });
  expect(writer.write()).toEqual({ written: false, reason: 'no-headroom' });
  expect(readdirSync(directory)).toEqual([]);
  expect(writer.lastWrittenAt).toBeUndefined();
});

it('reports a failed write instead of throwing', () => {
  const file = join(tempDir(), 'a-file');
  writeFileSync(file, '');
  const outcome = createHeapSnapshotWriter({ directory: join(file, 'sub') }).write();
  expect(outcome).toMatchObject({ written: false, reason: 'failed' });
});

it('writes a snapshot when detectLeak finds a leak', async () => {
  const directory = tempDir();
  let bytes = 0;
  const report = await detectLeak(
    () => {
      bytes += 64;
    },
    {
      iterations: 10,
      rounds: 5,
      sample: () => bytes,
      forceGc: false,
      heapSnapshot: { directory },
    },
  );
  expect(report.leak).toBe(true);
  expect(report.heapSnapshot?.written).toBe(true);
  expect(readdirSync(directory)).toHaveLength(1);
});

it('rejects a missing directory with a TypeError', () => {
  expect(() => createHeapSnapshotWriter({ directory: '' })).toThrow(/heapSnapshot\.directory/);
});
