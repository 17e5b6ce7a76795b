import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestHost } from '@hotpath/host-testing';
import type { Plugin } from '@hotpath/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeFiles, HostArgumentError } from '../src/index.ts';

/** Records, per analysed file (its typed local), the answer the model gave; counts calls in flight. */
function recorder() {
  const answers = new Map<string, string>();
  const state = { inFlight: 0, maxInFlight: 0 };
  const plugin: Plugin = {
    name: 'recorder',
    setup(context) {
      context.wrap('complete', (next) => async (request, ctx) => {
        state.inFlight++;
        state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
        try {
          const result = await next(request, ctx);
          answers.set(ctx.locals.analyzedFile ?? '', result.message.content);
          return result;
        } finally {
          state.inFlight--;
        }
      });
    },
  };
  return { plugin, answers, state };
}

describe('analyzeFiles', () => {
  let dir: string;
  let paths: string[];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hotpath-analyze-'));
    paths = [];
    for (let i = 0; i < 8; i++) {
      const path = join(dir, `file-${i}.ts`);
      // Earlier files are longer, so later ones tend to finish first.
      await writeFile(path, `export const value${i} = ${i};\n`.repeat(40 - i * 4));
      paths.push(path);
    }
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("hands each file's typed locals back, and reports each file as it settles", async () => {
    await using t = await createTestHost();
    const settled: string[] = [];
    const result = await analyzeFiles(t.host, [...paths, join(dir, 'missing.ts')], 'Q', {
      model: t.model,
      onFile: (file) => settled.push(file.path),
    });
    expect(result.files.map((file) => file.locals.analyzedFile)).toEqual([
      ...paths,
      join(dir, 'missing.ts'),
    ]);
    expect([...settled].sort()).toEqual([...paths, join(dir, 'missing.ts')].sort());
    await expect(
      analyzeFiles(t.host, paths, 'Q', { model: t.model, onFile: 1 as never }),
    ).rejects.toThrow(HostArgumentError);
  });

  it('answers every file through host.complete, in input order, one request per file', async () => {
    const { plugin, answers } = recorder();
    await using t = await createTestHost({ plugins: [plugin] });
    const before = t.sim.stats().routes['openai.chat'];
    const result = await analyzeFiles(t.host, paths, 'What does this file export?', {
      model: t.model,
      concurrency: 4,
    });
    expect(t.sim.stats().routes['openai.chat'] - before).toBe(paths.length);
    expect(result.files.map((file) => file.path)).toEqual(paths);
    for (const file of result.files) {
      expect(file.error).toBeUndefined();
      expect(file.answer).toBe(answers.get(file.path));
      expect(file.usage?.inputTokens).toBeGreaterThan(0);
    }
    expect(result.succeeded).toBe(paths.length);
    expect(result.failed).toBe(0);
    const inputTokens = result.files.reduce((sum, file) => sum + (file.usage?.inputTokens ?? 0), 0);
    expect(result.usage.inputTokens).toBe(inputTokens);
  });

  it('keeps the other answers when one file cannot be read', async () => {
    await using t = await createTestHost();
    const missing = join(dir, 'missing.ts');
    const input = [paths[0] ?? '', missing, paths[1] ?? ''];
    const result = await analyzeFiles(t.host, input, 'Summarise.', { model: t.model });
    expect(result.files.map((file) => file.path)).toEqual(input);
    expect(result.files[1]?.error).toMatchObject({ code: 'ENOENT' });
    expect(result.files[1]?.answer).toBeUndefined();
    expect(typeof result.files[0]?.answer).toBe('string');
    expect(typeof result.files[2]?.answer).toBe('string');
    expect(result).toMatchObject({ succeeded: 2, failed: 1 });
    expect(t.sim.stats().routes['openai.chat']).toBe(2);
  });

  it('never has more than `concurrency` files in flight', async () => {
    const { plugin, state } = recorder();
    let reading = 0;
    let maxInFlight = 0;
    let inFlight = 0;
    await using t = await createTestHost({ plugins: [plugin] });
    const result = await analyzeFiles(t.host, paths, 'Summarise.', {
      model: t.model,
      concurrency: 2,
      readFile: async (path) => {
        reading++;
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        inFlight--;
        return `contents of ${path}`;
      },
    });
    expect(result.succeeded).toBe(paths.length);
    expect(reading).toBe(paths.length);
    expect(maxInFlight).toBeLessThanOrEqual(2);
    expect(state.maxInFlight).toBeLessThanOrEqual(2);
    expect(state.maxInFlight).toBeGreaterThanOrEqual(1);
  });

  it('rejects with the reason when its signal aborts', async () => {
    await using t = await createTestHost();
    const controller = new AbortController();
    const reason = new Error('stop');
    const run = analyzeFiles(t.host, paths, 'Summarise.', {
      model: t.model,
      signal: controller.signal,
      readFile: () => {
        controller.abort(reason);
        return new Promise<string>(() => {});
      },
    });
    await expect(run).rejects.toBe(reason);
  });

  it('sends the temperature it is given with every call', async () => {
    const temperatures: unknown[] = [];
    const spy: Plugin = {
      name: 'temperature-spy',
      setup(context) {
        context.wrap('complete', (next) => (request, ctx) => {
          temperatures.push(request.temperature);
          return next(request, ctx);
        });
      },
    };
    await using t = await createTestHost({ plugins: [spy] });
    const input = paths.slice(0, 3);
    await analyzeFiles(t.host, input, 'Summarise.', { model: t.model, temperature: 0 });
    await analyzeFiles(t.host, input.slice(0, 1), 'Summarise.', { model: t.model });
    expect(temperatures).toEqual([0, 0, 0, undefined]);
  });

  it('rejects bad arguments with HostArgumentError', async () => {
    await using t = await createTestHost();
    await expect(analyzeFiles(t.host, 'x' as never, 'p', { model: 'm' })).rejects.toThrow(
      HostArgumentError,
    );
    await expect(analyzeFiles(t.host, [], 'p', { model: '' })).rejects.toThrow(/options\.model/);
    await expect(analyzeFiles(t.host, [], 'p', { model: 'm', temperature: -1 })).rejects.toThrow(
      /options\.temperature/,
    );
  });
});
