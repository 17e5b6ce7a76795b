import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { propertySeeds } from '@hotpath/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hello, startRig } from './fixtures.ts';

const chat = JSON.stringify({ model: 'sim-small', temperature: 0, messages: hello });

async function post(url: string, body: Uint8Array | string, encoding?: string) {
  const payload = typeof body === 'string' ? body : Buffer.from(body);
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: 'Bearer sk-encoding-test',
      ...(encoding === undefined ? {} : { 'content-encoding': encoding }),
    },
    body: payload,
  });
  const json = (await response.json()) as {
    choices: { message: { content: string } }[];
    error: { code: string; param: string };
  };
  return { status: response.status, body: json };
}

describe('request bodies sent with a Content-Encoding', () => {
  it('decodes gzip, deflate and br bodies into the same answer as the plain body', async () => {
    await using rig = await startRig();
    const plain = await post(rig.gateway.url, chat);
    expect(plain.status).toBe(200);
    const encoded: [string, Uint8Array][] = [
      ['gzip', gzipSync(chat)],
      ['x-gzip', gzipSync(chat)],
      ['deflate', deflateSync(chat)],
      ['br', brotliCompressSync(chat)],
      ['GZIP', gzipSync(chat)],
      ['identity', Buffer.from(chat)],
      ['deflate, gzip', gzipSync(deflateSync(chat))],
    ];
    for (const [encoding, body] of encoded) {
      const answer = await post(rig.gateway.url, body, encoding);
      expect([encoding, answer.status]).toEqual([encoding, 200]);
      expect(answer.body.choices[0]?.message.content).toBe(plain.body.choices[0]?.message.content);
    }
  });

  it('refuses an encoding it cannot decode with a 415 naming content-encoding, not a JSON error', async () => {
    await using rig = await startRig();
    for (const encoding of ['compress', 'zstd-unknown', 'br;q=1']) {
      const answer = await post(rig.gateway.url, chat, encoding);
      expect([encoding, answer.status]).toEqual([encoding, 415]);
      expect(answer.body.error).toMatchObject({
        param: 'content-encoding',
        code: 'unsupported_content_encoding',
      });
    }
  });

  it('answers a body that is not what its Content-Encoding says with a 400 naming the encoding', async () => {
    await using rig = await startRig();
    for (const encoding of ['gzip', 'deflate', 'br']) {
      const answer = await post(rig.gateway.url, chat, encoding);
      expect([encoding, answer.status]).toEqual([encoding, 400]);
      expect(answer.body.error).toMatchObject({ param: 'content-encoding', code: 'invalid_body' });
    }
  });

  it('holds the decoded body to the body limit: a small bomb gets the 413, and the gateway keeps answering', async () => {
    await using rig = await startRig({ config: { bodyLimit: 64 * 1024 } });
    const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const answer = await post(rig.gateway.url, bomb, 'gzip');
    expect(answer.status).toBe(413);
    expect(answer.body.error.code).toBe('request_too_large');
    expect((await post(rig.gateway.url, gzipSync(chat), 'gzip')).status).toBe(200);
  });
});

const ENCODINGS = ['gzip', 'x-gzip', 'deflate', 'br', 'identity', 'zstd', 'compress', ''];
const encoder: Record<string, (body: Uint8Array) => Uint8Array> = {
  gzip: gzipSync,
  'x-gzip': gzipSync,
  deflate: deflateSync,
  br: brotliCompressSync,
};

describe('the Content-Encoding boundary, property-tested', () => {
  it.each(propertySeeds('gateway content encoding'))(
    'any body under any list of codings, encoded or not, gets an OpenAI-shaped answer and never a 5xx (seed %i)',
    async (seed) => {
      await using rig = await startRig({ config: { bodyLimit: 16 * 1024 } });
      const body = fc.oneof(
        fc.uint8Array({ maxLength: 512 }),
        fc.string({ unit: 'binary', maxLength: 256 }).map((s) => new TextEncoder().encode(s)),
        fc.constant(new TextEncoder().encode(chat)),
      );
      const codings = fc.array(fc.constantFrom(...ENCODINGS), { minLength: 1, maxLength: 3 });
      await fc.assert(
        fc.asyncProperty(body, codings, fc.boolean(), async (raw, list, encode) => {
          // Applied in the order listed, as a sender would; or not at all (a body that lies).
          let sent: Uint8Array = raw;
          if (encode) for (const coding of list) sent = encoder[coding]?.(sent) ?? sent;
          const answer = await post(rig.gateway.url, sent, list.join(', '));
          expect(answer.status).toBeLessThan(500);
          if (answer.status !== 200) expect(typeof answer.body.error.code).toBe('string');
        }),
        { seed, numRuns: 60 },
      );
    },
  );
});
