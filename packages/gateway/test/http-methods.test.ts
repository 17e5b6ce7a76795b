import { request as httpRequest } from 'node:http';
import { NotFoundError } from 'openai';
import { describe, expect, it } from 'vitest';
import { startRig } from './fixtures.ts';

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** One request with `node:http` (fetch cannot send HEAD bodies' checks or arbitrary paths). */
function send(url: string, method: string, path: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}${path}`, { method });
    req.on('error', reject);
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.end();
  });
}

describe('methods a stranger tries on the gateway routes', () => {
  it('answers HEAD on every GET route with the GET headers and no body', async () => {
    await using rig = await startRig({ config: { models: { 'sim-small': 'sim', 'a/b': 'sim' } } });
    for (const path of ['/v1/models', '/health', '/metrics', '/v1/models/sim-small']) {
      const get = await send(rig.gateway.url, 'GET', path);
      const head = await send(rig.gateway.url, 'HEAD', path);
      expect([path, head.status]).toEqual([path, 200]);
      expect(head.body).toBe('');
      expect(head.headers['content-type']).toBe(get.headers['content-type']);
      if (path !== '/metrics')
        expect(head.headers['content-length']).toBe(get.headers['content-length']);
    }
  });

  it('names the allowed methods in a 405 (RFC 9110 §15.5.6), and answers OPTIONS with them', async () => {
    await using rig = await startRig();
    const get = await send(rig.gateway.url, 'GET', '/v1/chat/completions');
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    expect(JSON.parse(get.body).error.code).toBe('method_not_allowed');
    const del = await send(rig.gateway.url, 'DELETE', '/v1/models');
    expect([del.status, del.headers.allow]).toEqual([405, 'GET, HEAD']);
    const options = await send(rig.gateway.url, 'OPTIONS', '/v1/chat/completions');
    expect(options.status).toBe(204);
    expect(options.headers.allow).toBe('POST');
    // No CORS grant: a browser page on another origin is not let in by a preflight.
    expect(options.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('retrieves one model as OpenAI does (GET /v1/models/{model}), ids with a slash included', async () => {
    await using rig = await startRig({
      config: { models: { 'sim-small': 'sim', 'Qwen/Qwen2.5-7B': 'sim' } },
    });
    const model = await rig.client.models.retrieve('sim-small');
    expect(model).toMatchObject({ id: 'sim-small', object: 'model', owned_by: 'sim' });
    const slashed = await rig.client.models.retrieve('Qwen/Qwen2.5-7B');
    expect(slashed.id).toBe('Qwen/Qwen2.5-7B');
    const raw = await send(rig.gateway.url, 'GET', '/v1/models/Qwen/Qwen2.5-7B');
    expect(JSON.parse(raw.body).id).toBe('Qwen/Qwen2.5-7B');
    const missing = await rig.client.models.retrieve('gpt-5').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((missing as NotFoundError).code).toBe('model_not_found');
    const malformed = await send(rig.gateway.url, 'GET', '/v1/models/%E0%A4%A');
    expect(malformed.status).toBe(404);
    expect(JSON.parse(malformed.body).error.code).toBe('model_not_found');
  });
});
