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
const task = 'export default { name: "NAME", tasks: { mine: () => 1, peer: () => 2 } };\n';

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
  const tasks = { mine: () => 1, 'their lib': () => 2 };

  it('accepts any task names, and targets that name their task and peer', () => {
    const [scenario] = toScenarios('f', {
      name: 's',
      tasks,
      targets: [{ task: 'mine', peer: 'their lib', min: 1 }],
    });
    expect(scenario!.targets).toEqual([{ task: 'mine', peer: 'their lib', min: 1 }]);
  });

  it.each([
    [
      [{ peer: 'their lib', min: 1 }],
      /target without a "task": each target names its task and its peer/,
    ],
    [[{ task: 'mine', min: 1 }], /target without a "peer"/],
    [[{ task: 'mine', peer: 'nope', min: 1 }], /naming task "nope", which it does not define/],
    [[{ task: 'mine', peer: 'mine', min: 1 }], /comparing task "mine" with itself/],
    [[{ task: 'mine', peer: 'their lib', min: 0 }], /"min" that is not a positive number/],
    [[{ task: 'mine', peer: 'their lib', min: Number.NaN }], /"min" that is not a positive number/],
    ['not an array', /"targets" that are not an array/],
  ])('rejects the targets %j', (targets, message) => {
    expect(() => toScenarios('f', { name: 's', tasks, targets })).toThrow(message);
  });

  it('rejects tasks that are not functions, an empty export, and two scenarios of one name', () => {
    expect(() => toScenarios('f', { name: 's', tasks: { a: 1 } })).toThrow(
      /tasks that are functions/,
    );
    expect(() => toScenarios('f', [])).toThrow(/empty/);
    expect(() =>
      toScenarios('f', [
        { name: 's', tasks },
        { name: 's', tasks },
      ]),
    ).toThrow(/two scenarios are named "s"/);
  });
});
