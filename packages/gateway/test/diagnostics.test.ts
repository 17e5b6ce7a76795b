import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { expect, it } from 'vitest';
import { hello, startRig } from './fixtures.ts';

it('publishes each answered call on hotpath:gateway:response, without credentials', async () => {
  const events: unknown[] = [];
  const listener = (event: unknown) => events.push(event);
  subscribe('hotpath:gateway:response', listener);
  try {
    await using rig = await startRig();
    await rig.client.chat.completions.create({
      model: 'sim-small',
      messages: hello,
      temperature: 0,
    });
    await rig.client.chat.completions.create({
      model: 'sim-small',
      messages: hello,
      temperature: 0,
    });
    await rig.client.chat.completions
      .create({ model: 'nope', messages: hello })
      .catch(() => undefined);
    expect(events).toMatchObject([
      {
        path: '/v1/chat/completions',
        model: 'sim-small',
        status: 200,
        stream: false,
        cache: 'miss',
      },
      {
        path: '/v1/chat/completions',
        model: 'sim-small',
        status: 200,
        stream: false,
        cache: 'hit',
      },
      { path: '/v1/chat/completions', status: 404 },
    ]);
    expect(JSON.stringify(events)).not.toContain('sk-test-client-key');
  } finally {
    unsubscribe('hotpath:gateway:response', listener);
  }
});
