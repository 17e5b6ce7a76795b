import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Simulator,
  SimulatorArgumentError,
  SimulatorListenError,
  startSimulator,
} from '../src/index.ts';
import { chat, post } from './helpers.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());

describe('bad requests', () => {
  it('answers malformed JSON with 400 in each provider shape', async () => {
    const openai = await post(sim.url, '/v1/chat/completions', '{"model": ');
    expect(openai.status).toBe(400);
    expect(await openai.json()).toMatchObject({
      error: { type: 'invalid_request_error', param: null, code: null },
    });
    const anthropic = await post(sim.url, '/v1/messages', 'not json');
    expect(anthropic.status).toBe(400);
    expect(await anthropic.json()).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error' },
    });
    const ollama = await post(sim.url, '/api/chat', '[1,');
    expect(ollama.status).toBe(400);
    expect(typeof ((await ollama.json()) as { error: unknown }).error).toBe('string');
  });

  it('rejects missing or wrong fields with 400', async () => {
    for (const body of [
      { messages: [] },
      { model: 'm', messages: [] },
      { model: 'm', messages: [{ role: 'user' }], max_tokens: 0 },
      ['array'],
    ]) {
      const res = await post(sim.url, '/v1/chat/completions', body);
      expect(res.status).toBe(400);
    }
    expect((await post(sim.url, '/api/chat', { messages: [] })).status).toBe(400);
  });

  it('answers unknown routes with 404 in the shape their prefix suggests', async () => {
    const openai = await fetch(`${sim.url}/v1/nothing`, { method: 'POST' });
    expect(openai.status).toBe(404);
    expect(await openai.json()).toMatchObject({
      error: { message: 'Invalid URL (POST /v1/nothing)' },
    });
    const ollama = await fetch(`${sim.url}/api/nothing`);
    expect(ollama.status).toBe(404);
    expect(await ollama.json()).toEqual({ error: 'Invalid URL (GET /api/nothing)' });
    const wrongMethod = await fetch(`${sim.url}/v1/chat/completions`);
    expect(wrongMethod.status).toBe(404);
    expect(sim.stats().routes.unknown).toBeGreaterThanOrEqual(3);
  });

  it('answers a bad x-sim-* header with 400 naming it', async () => {
    const res = await post(sim.url, '/v1/chat/completions', chat('x'), {
      'x-sim-tokens-per-sec': 'fast',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
      'x-sim-tokens-per-sec',
    );
    const fault = await post(
      sim.url,
      '/v1/messages',
      { ...chat('x'), max_tokens: 5 },
      { 'x-sim-fault': 'explode' },
    );
    expect(fault.status).toBe(400);
  });
});

describe('bad options', () => {
  it('throws SimulatorArgumentError naming the option', async () => {
    await expect(startSimulator({ tokensPerSecond: 0 })).rejects.toThrow(SimulatorArgumentError);
    await expect(startSimulator({ jitter: 2 })).rejects.toThrow(/options\.jitter/);
    await expect(startSimulator({ fault: 'boom' as never })).rejects.toMatchObject({
      code: 'HOTPATH_SIMULATOR_INVALID_ARGUMENT',
    });
    await expect(startSimulator({ port: -1 })).rejects.toBeInstanceOf(TypeError);
  });

  it('throws SimulatorListenError when the port is taken', async () => {
    await expect(startSimulator({ port: sim.port })).rejects.toMatchObject({
      name: 'SimulatorListenError',
      code: 'HOTPATH_SIMULATOR_LISTEN_FAILED',
    });
    await expect(startSimulator({ port: sim.port })).rejects.toBeInstanceOf(SimulatorListenError);
  });
});
