import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { analyzeFiles } from '@hotpath/host';
import { cachePlugin } from '@hotpath/plugin-cache';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFullHost } from '../src/index.ts';
import { tempDir } from './helpers.ts';

let dir: ReturnType<typeof tempDir>;
let paths: string[];
beforeEach(async () => {
  dir = tempDir('hotpath-integration-analyze-');
  paths = [];
  for (let i = 0; i < 10; i++) {
    const path = join(dir.path, `module-${i}.ts`);
    await writeFile(path, `export function step${i}(x: number): number {\n  return x + ${i};\n}\n`);
    paths.push(path);
  }
});
afterEach(() => dir.remove());

describe('full host: analyzeFiles with the cache plugin', () => {
  it('asks about 10 files with 10 upstream requests in parallel, and answers a rerun from the cache', async () => {
    await using t = await startFullHost({
      plugins: [cachePlugin({ sqlitePath: join(dir.path, 'cache.sqlite') })],
      simulator: { ttftMs: 300 },
    });
    const options = { model: 'sim-small', temperature: 0, concurrency: 10 };
    const cold = await analyzeFiles(t.host, paths, 'What does this export?', options);
    expect(cold).toMatchObject({ succeeded: 10, failed: 0 });
    expect(t.sim.stats().routes['openai.chat']).toBe(10);
    const cached = await analyzeFiles(t.host, paths, 'What does this export?', options);
    expect(cached.files.map((file) => file.answer)).toEqual(cold.files.map((file) => file.answer));
    expect(t.sim.stats().routes['openai.chat']).toBe(10);
    expect(t.host.service('cache').savings().hits).toBe(10);
    // A changed file is asked about again; the others stay cached.
    await writeFile(paths[3]!, 'export const changed = true;\n');
    const edited = await analyzeFiles(t.host, paths, 'What does this export?', options);
    expect(edited.succeeded).toBe(10);
    expect(t.sim.stats().routes['openai.chat']).toBe(11);
  });
});
