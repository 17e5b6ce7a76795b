import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  discoverBenchFiles,
  InvalidScenarioError,
  loadScenarios,
  NoScenariosError,
  toScenarios,
} from '../src/index.ts';

let dir: string;
const task = 'export default { name: "NAME", tasks: { hotpath: () => 1, peer: () => 2 } };\n';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hotpath-bench-discover-'));
  for (const path of [
    'cache-hit.bench.ts',
    'sub/pool-keepalive.bench.ts',
    'node_modules/x/skip.bench.ts',
    '.hidden/skip.bench.ts',
    'dist/skip.bench.ts',
    'helper.ts',
  ]) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), task.replace('NAME', path));
  }
  writeFileSync(
    join(dir, 'many.bench.ts'),
    'export default [{ name: "a", tasks: { x: () => 1 } }, { name: "b", tasks: { y: () => 2 } }];\n',
  );
  writeFileSync(join(dir, 'bad.bench.mts'), 'export default { name: "bad" };\n');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('discoverBenchFiles', () => {
  it('finds *.bench files recursively, sorted, skipping node_modules, dist and dot folders', () => {
    const found = discoverBenchFiles(dir).map((file) => file.slice(dir.length + 1));
    expect(found).toEqual([
      'bad.bench.mts',
      'cache-hit.bench.ts',
      'many.bench.ts',
      'sub/pool-keepalive.bench.ts',
    ]);
  });

  it('keeps files whose path contains one of the words', () => {
    const found = discoverBenchFiles(dir, ['pool', 'cache']).map((file) =>
      file.slice(dir.length + 1),
    );
    expect(found).toEqual(['cache-hit.bench.ts', 'sub/pool-keepalive.bench.ts']);
  });

  it('throws HOTPATH_BENCH_NO_SCENARIOS when nothing matches or the folder is missing', () => {
    expect(() => discoverBenchFiles(dir, ['nothing'])).toThrow(NoScenariosError);
    expect(() => discoverBenchFiles(join(dir, 'missing'))).toThrow(/Pass --dir/);
  });
});

describe('loadScenarios', () => {
  it('loads a single scenario and an array of scenarios', async () => {
    expect((await loadScenarios(join(dir, 'cache-hit.bench.ts'))).map((s) => s.name)).toEqual([
      'cache-hit.bench.ts',
    ]);
    expect((await loadScenarios(join(dir, 'many.bench.ts'))).map((s) => s.name)).toEqual([
      'a',
      'b',
    ]);
  });

  it('rejects a default export that is not a scenario', async () => {
    await expect(loadScenarios(join(dir, 'bad.bench.mts'))).rejects.toThrow(InvalidScenarioError);
  });

  it('rejects a file that fails to load', async () => {
    await expect(loadScenarios(join(dir, 'missing.bench.ts'))).rejects.toThrow(/failed to load/);
  });
});

describe('toScenarios', () => {
  it('rejects targets naming unknown tasks and non-positive minimums', () => {
    const tasks = { hotpath: () => 1, peer: () => 2 };
    expect(() =>
      toScenarios('f', { name: 's', tasks, targets: [{ peer: 'nope', min: 1 }] }),
    ).toThrow(/task "nope"/);
    expect(() =>
      toScenarios('f', { name: 's', tasks, targets: [{ peer: 'peer', min: 0 }] }),
    ).toThrow(/min ≤ 0/);
    expect(() => toScenarios('f', { name: 's', tasks: { a: 1 } })).toThrow(
      /tasks that are functions/,
    );
    expect(() => toScenarios('f', [])).toThrow(/empty/);
  });
});
