import { seededRandom } from '@hotpath/testing';
import { expect, it } from 'vitest';
import { startRig } from './fixtures.ts';

const VALID_CHAT = {
  model: 'sim-small',
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: [{ type: 'text', text: 'hi' }] },
  ],
  temperature: 0,
  max_tokens: 4,
  stop: ['x'],
  tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }],
};
const VALID_EMBED = { model: 'sim-embed', input: ['a', 'b'], dimensions: 4 };
const WRONG_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  3.5,
  1e300,
  '',
  'x',
  [],
  [1],
  {},
  { a: 1 },
  [[]],
  '\u0000',
];

function randomBytes(random: () => number): Uint8Array {
  const bytes = new Uint8Array(Math.floor(random() * 300));
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256);
  return bytes;
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

/** Sets one field (possibly nested) of a valid body to a wrong-typed value. */
function wrongTyped(random: () => number, body: Record<string, unknown>): string {
  const copy = structuredClone(body) as Record<string, unknown>;
  const nested =
    'messages' in copy
      ? ['messages.0', 'messages.1.content', 'messages.1.role', 'tools.0.function']
      : [];
  const paths = [...Object.keys(copy), ...nested];
  const path = pick(random, paths).split('.');
  let target: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[path.at(-1) as string] = pick(random, WRONG_VALUES);
  if (random() < 0.3) copy.stream = pick(random, [true, false, 'yes', 1]);
  return JSON.stringify(copy);
}

function fuzzCase(random: () => number): { path: string; body: string | Uint8Array } {
  const embed = random() < 0.3;
  const path = embed ? '/v1/embeddings' : '/v1/chat/completions';
  const valid = JSON.stringify(embed ? VALID_EMBED : VALID_CHAT);
  const kind = random();
  if (kind < 0.3) return { path, body: randomBytes(random) };
  if (kind < 0.6) return { path, body: valid.slice(0, Math.floor(random() * valid.length)) };
  return { path, body: wrongTyped(random, embed ? VALID_EMBED : VALID_CHAT) };
}

function assertOpenAIError(status: number, body: unknown): void {
  expect(status).toBeGreaterThanOrEqual(400);
  const error = (body as { error?: Record<string, unknown> }).error;
  expect(typeof error?.message).toBe('string');
  expect(typeof error?.type).toBe('string');
  expect(error?.param === null || typeof error?.param === 'string').toBe(true);
  expect(error?.code === null || typeof error?.code === 'string').toBe(true);
}

async function check(response: Response): Promise<void> {
  const text = await response.text();
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
    expect(response.status).toBe(200);
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    return;
  }
  const body = JSON.parse(text) as { object?: string };
  if (response.status === 200) expect(['chat.completion', 'list']).toContain(body.object);
  else assertOpenAIError(response.status, body);
}

it('answers 400 random, truncated and wrong-typed bodies with a well-formed OpenAI answer and stays healthy', async () => {
  await using rig = await startRig({ sim: { responseTokens: 4, embeddingDimensions: 4 } });
  const random = seededRandom(0x5eed);
  const statuses = new Map<number, number>();
  for (let i = 0; i < 400; i++) {
    const { path, body } = fuzzCase(random);
    const response = await fetch(`${rig.gateway.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    await check(response);
  }
  expect(statuses.get(400)).toBeGreaterThan(200);
  expect(statuses.get(500)).toBeUndefined();
  const health = await fetch(`${rig.gateway.url}/health`);
  expect(await health.json()).toEqual({ status: 'ok' });
  expect(rig.gateway.host.service('cache')).toBeDefined();
});

it('refuses unknown routes and methods in the OpenAI error shape', async () => {
  await using rig = await startRig();
  const cases = [
    ['GET', '/v1/chat/completions', 405],
    ['POST', '/v1/nope', 404],
    ['DELETE', '/health', 405],
    ['GET', '/', 404],
  ] as const;
  for (const [method, path, status] of cases) {
    const response = await fetch(`${rig.gateway.url}${path}`, { method });
    expect(response.status).toBe(status);
    assertOpenAIError(response.status, await response.json());
  }
});
