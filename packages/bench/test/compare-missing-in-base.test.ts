import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareTrees } from '../src/index.ts';
import { SPIN, writeFiles } from './cli-helpers.ts';

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'hotpath-bench-missing-'));
  roots.push(root);
  writeFiles(root, files);
  return root;
}

const scenario = (name: string, tasks: readonly string[]) =>
  `${SPIN}\nexport default { name: '${name}', tasks: { ${tasks.map((t) => `'${t}': spin(2000)`).join(', ')} } };\n`;

describe('compareTrees when the base lacks what the head measures', { timeout: 60_000 }, () => {
  it('lists a new file, a new scenario and a new task as added, judges only the shared task, and passes', async () => {
    const base = tree({
      'bench/shared.bench.ts': scenario('shared', ['kept']),
    });
    const head = tree({
      'bench/shared.bench.ts': `${SPIN}\nexport default [
        { name: 'shared', tasks: { kept: spin(2000), fresh: spin(2000) } },
        { name: 'second', tasks: { other: spin(2000) } },
      ];\n`,
      'bench/new.bench.ts': scenario('brand-new', ['only']),
    });
    const report = await compareTrees({
      head,
      base,
      files: ['bench/shared.bench.ts', 'bench/new.bench.ts'],
      processes: 2,
      rounds: 3,
      timeMs: 5,
      seed: 1,
    });
    expect(report.benchmarks.map((b) => `${b.scenario} › ${b.task}`)).toEqual(['shared › kept']);
    expect(report.added).toEqual(
      expect.arrayContaining([
        expect.stringContaining('fresh'),
        expect.stringContaining('second'),
        expect.stringContaining('brand-new'),
      ]),
    );
    expect(report.removed).toEqual([]);
    expect(report.status).not.toBe('regression');
  });
});
