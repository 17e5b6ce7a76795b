import type { CallLocals, CompletionRequest } from '@hotpath/protocol';
import { describe, expect, it } from 'vitest';
import { createHost } from '../src/index.ts';
import { ask, echoProvider } from './fixtures.ts';

declare module '@hotpath/protocol' {
  interface CallLocals {
    /** Set by this file's middleware: the prompt of the call it saw. */
    prompt?: string;
  }
}

const promptOf = (request: CompletionRequest) => String(request.messages.at(-1)?.content);

describe('per-call locals under concurrency', () => {
  it('never shows one call what a middleware wrote for another, given locals or not', async () => {
    const { provider } = echoProvider();
    const seenByInner: string[] = [];
    const host = createHost({
      provider,
      plugins: [
        {
          name: 'writer',
          setup: (c) =>
            c.wrap('complete', (next) => async (request, context) => {
              context.locals.prompt = promptOf(request);
              // Interleave every call with the others before reading back.
              await new Promise((r) => setImmediate(r));
              const result = await next(request, context);
              seenByInner.push(`${promptOf(request)}=${context.locals.prompt}`);
              return result;
            }),
        },
      ],
    });
    const texts = Array.from({ length: 50 }, (_, i) => `q${i}`);
    const locals = texts.map((): CallLocals => ({}));
    await Promise.all(
      texts.map((text, i) => host.complete(ask(text), i % 2 === 0 ? { locals: locals[i] } : {})),
    );
    expect(seenByInner.every((line) => line.split('=')[0] === line.split('=')[1])).toBe(true);
    texts.forEach((text, i) => {
      if (i % 2 === 0) expect(locals[i]!.prompt).toBe(text);
    });
    await host.close();
  });
});
