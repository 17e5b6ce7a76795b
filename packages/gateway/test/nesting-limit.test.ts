import { expect, it } from 'vitest';
import { hello, startRig } from './fixtures.ts';

/** `levels` objects nested in one another: `{"a":{"a":…{}}}` as JSON text. */
function nested(levels: number): string {
  return `${'{"a":'.repeat(levels)}{}${'}'.repeat(levels)}`;
}

function chat(url: string, body: string): Promise<Response> {
  return fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
}

const base = `"model":"sim-small","messages":${JSON.stringify(hello)}`;

it.each([
  [
    'tools[0].function.parameters',
    (deep: string) =>
      `{${base},"tools":[{"type":"function","function":{"name":"f","parameters":${deep}}}]}`,
  ],
  [
    'response_format.json_schema.schema',
    (deep: string) =>
      `{${base},"response_format":{"type":"json_schema","json_schema":{"name":"n","schema":${deep}}}}`,
  ],
  ['logit_bias', (deep: string) => `{${base},"logit_bias":${deep}}`],
])(
  'answers JSON nested thousands of levels deep in %s with a 400 naming the limit',
  async (param, body) => {
    await using rig = await startRig({ config: { bodyLimit: 4 * 1024 * 1024 } });
    for (const levels of [200, 5_000, 200_000]) {
      const response = await chat(rig.gateway.url, body(nested(levels)));
      expect(response.status).toBe(400);
      const { error } = (await response.json()) as { error: Record<string, string> };
      expect(error).toMatchObject({
        param,
        code: 'nesting_too_deep',
        type: 'invalid_request_error',
      });
      expect(error.message).toContain('128 levels');
    }
    expect(rig.sim.stats().routes['openai.chat'] ?? 0).toBe(0);
  },
);

it('accepts a schema nested up to the limit and sends it upstream', async () => {
  await using rig = await startRig();
  // The body (1) → tools (2) → tool (3) → function (4) → parameters (5 …): 128 levels in all.
  const body = `{${base},"tools":[{"type":"function","function":{"name":"f","parameters":${nested(123)}}}]}`;
  const response = await chat(rig.gateway.url, body);
  expect(response.status).toBe(200);
  const deeper = `{${base},"tools":[{"type":"function","function":{"name":"f","parameters":${nested(124)}}}]}`;
  expect((await chat(rig.gateway.url, deeper)).status).toBe(400);
});
