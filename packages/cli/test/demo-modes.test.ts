import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type Simulator, startSimulator } from '@hotpath/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoResult, demoRows, renderDemoTable, runDemo } from '../src/index.ts';
import { sourceTree } from './helpers.ts';

describe('runDemo against a simulator', () => {
  let dir: string;
  let sim: Simulator;
  let result: DemoResult;
  let chatRequests: number;
  beforeAll(async () => {
    dir = await sourceTree();
    sim = await startSimulator({ ttftMs: 1, tokensPerSecond: Infinity, responseTokens: 6 });
    result = await runDemo({ files: 4, dir, env: { HOTPATH_BASE_URL: `${sim.url}/v1` } });
    chatRequests = sim.stats().routes['openai.chat'];
  });
  afterAll(async () => {
    await sim?.close();
    await rm(dirname(dir), { recursive: true, force: true });
  });

  it('picks the files deterministically and skips tests, declarations and builds', async () => {
    expect(result.files).toEqual([
      'packages/alpha/src/add.ts',
      'packages/alpha/src/index.ts',
      'packages/beta/src/main.py',
      'packages/beta/src/util.js',
    ]);
    const again = await runDemo({ files: 4, dir, env: { HOTPATH_BASE_URL: `${sim.url}/v1` } });
    expect(again.files).toEqual(result.files);
  });

  it('runs the three modes over every file, in input order, without errors', () => {
    for (const mode of ['sequential', 'cold', 'warm'] as const) {
      const run = result.runs[mode];
      expect(run.mode).toBe(mode);
      expect(run.files.map((file) => file.path)).toEqual(result.files);
      expect(run.files.filter((file) => file.error !== undefined)).toEqual([]);
      expect(result.figures[mode]).toMatchObject({ succeeded: 4, failed: 0 });
    }
  });

  it('sends one upstream request per file sequentially and cold, none warm', () => {
    expect(result.runs.sequential.upstreamRequests).toBe(4);
    expect(result.runs.cold.upstreamRequests).toBe(4);
    expect(result.runs.warm.upstreamRequests).toBe(0);
    // What the simulator saw: 4 sequential + 4 cold, one warm-up call on each side, and the
    // same question from 5 callers: 5 plain calls, 1 through the host (the question asked
    // again after the warm run is a cache hit).
    expect(chatRequests).toBe(4 + 4 + 2 + 5 + 1);
  });

  it('joins identical questions asked at once into one upstream call, and plain calls do not', () => {
    expect(result.sameQuestion.callers).toBe(5);
    expect(result.sameQuestion.sequential.upstreamRequests).toBe(5);
    expect(result.sameQuestion.hotpath.upstreamRequests).toBe(1);
  });

  it('answers the warm run entirely from the cache', () => {
    expect(result.runs.cold.files.map((file) => file.cache)).toEqual(Array(4).fill('miss'));
    expect(result.runs.warm.files.map((file) => file.cache)).toEqual(Array(4).fill('hit'));
    expect(result.runs.sequential.files.map((file) => file.cache)).toEqual(Array(4).fill('none'));
    expect(result.figures.warm.hitRate).toBe(1);
    expect(result.figures.cold.hitRate).toBe(0);
    expect(result.figures.warm).toMatchObject({ inputTokens: 0, outputTokens: 0, costUsd: 0 });
    expect(result.cachedResponseMs).toBeGreaterThan(0);
  });

  it('credits the warm run with the tokens and money the cold run paid', () => {
    const cold = result.figures.cold;
    expect(cold.inputTokens).toBeGreaterThan(0);
    expect(result.saved).toMatchObject({
      hits: 4,
      inputTokens: cold.inputTokens,
      outputTokens: cold.outputTokens,
    });
    expect(result.saved.cost).toBeCloseTo(cold.costUsd, 12);
  });

  it('reports the host boot with every plugin', () => {
    expect(result.startup.plugins.map((plugin) => plugin.name).sort()).toEqual([
      'cache',
      'openai',
      'rate-limit',
      'token-budget',
    ]);
    expect(result.upstream).toMatchObject({
      provider: 'openai',
      embedded: false,
      model: 'gpt-4o-mini',
    });
  });

  it('renders every row of the before/after table', () => {
    const table = renderDemoTable(result);
    const labels = demoRows(result).map((row) => row.label);
    expect(labels).toEqual([
      'First response',
      'Cached response (same question again)',
      'Per-file latency (p50)',
      '4-file analysis',
      'Same question from 5 callers at once',
      'Upstream requests',
      'Cache hit rate',
      'Tokens sent upstream',
      'Money (at $0.15/$0.6 per M tokens)',
      'Memory (heap / RSS after)',
      'Start-up',
    ]);
    for (const label of labels) expect(table).toContain(label);
    expect(table).toContain(`OpenAI-compatible upstream ${sim.url}/v1`);
  });
});
