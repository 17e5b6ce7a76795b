import { createTestHost, type TestHost } from '@hotpath/host-testing';
import { type CallLocals, isHotpathError } from '@hotpath/protocol';
import { afterEach, expect, it } from 'vitest';
import { systemPromptPlugin } from '../src/index.ts';

let t: TestHost | undefined;
afterEach(() => t?.close());

it('sends the system prompt upstream first when the request has none', async () => {
  t = await createTestHost({ plugins: [systemPromptPlugin({ prompt: 'Be brief.' })] });
  const locals: CallLocals = {};
  await t.host.complete(t.request('hello'), { locals });

  const [upstream] = t.sim.requests; // what the simulator (the upstream) received
  expect(upstream?.path).toBe('/v1/chat/completions');
  expect(upstream?.body).toMatchObject({
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'hello' },
    ],
  });
  expect(locals.systemPromptAdded).toBe(true);
  expect(t.host.service('system-prompt').added).toBe(1);
});

it('keeps a system message the request already has, on streams too', async () => {
  t = await createTestHost({ plugins: [systemPromptPlugin({ prompt: 'Be brief.' })] });
  const request = t.request('hello', {
    messages: [
      { role: 'system', content: 'Answer in French.' },
      { role: 'user', content: 'hello' },
    ],
  });
  for await (const _delta of t.host.stream(request)) {
    // drain the stream
  }
  expect(t.sim.requests[0]?.body).toMatchObject({
    stream: true,
    messages: [{ role: 'system', content: 'Answer in French.' }, { role: 'user' }],
  });
  expect(t.host.service('system-prompt').added).toBe(0);
});

it('rejects an empty prompt with a typed error', () => {
  expect(() => systemPromptPlugin({ prompt: '' })).toThrow(TypeError);
  try {
    systemPromptPlugin({ prompt: ' ' });
  } catch (error) {
    expect(isHotpathError(error, 'SYSTEM_PROMPT_INVALID_ARGUMENT')).toBe(true);
  }
});
