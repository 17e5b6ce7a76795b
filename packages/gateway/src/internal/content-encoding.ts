import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate, type ZlibOptions } from 'node:zlib';
import { HttpError } from './http-error.ts';
import { tooLarge } from './read-body.ts';

type Decoder = (body: Buffer, options: ZlibOptions) => Promise<Buffer>;

/** The request `Content-Encoding`s the gateway decodes (RFC 9110 §8.4.1), by their token. */
const DECODERS: ReadonlyMap<string, Decoder> = new Map<string, Decoder>([
  ['gzip', promisify(gunzip)],
  ['x-gzip', promisify(gunzip)],
  ['deflate', promisify(inflate)],
  ['br', promisify(brotliDecompress) as Decoder],
]);

const unsupported = (encoding: string): HttpError =>
  new HttpError(
    415,
    `The request body's Content-Encoding "${encoding}" is not supported: send gzip, deflate, br or no encoding.`,
    { param: 'content-encoding', code: 'unsupported_content_encoding' },
  );

const undecodable = (encoding: string): HttpError =>
  new HttpError(
    400,
    `The request body is not valid ${encoding} data, as its Content-Encoding says.`,
    {
      param: 'content-encoding',
      code: 'invalid_body',
    },
  );

/** The codings applied to the body, in the order they were applied (identity left out). */
function codings(header: string): string[] {
  return header
    .split(',')
    .map((token) => token.trim().toLowerCase())
    .filter((token) => token !== '' && token !== 'identity');
}

/**
 * The body as sent before its `Content-Encoding`: each coding undone, last applied first,
 * every decoded size held to `limit` (a 413, so a small compressed bomb cannot expand in
 * memory); an unknown coding is a 415 and data that does not decode a 400, both naming the
 * header. A body without the header is returned as it is, with no work.
 */
export async function decodeBody(
  req: IncomingMessage,
  body: Buffer,
  limit: number,
): Promise<Buffer> {
  const header = req.headers['content-encoding'];
  if (header === undefined) return body;
  const list = codings(header);
  for (const coding of list) if (!DECODERS.has(coding)) throw unsupported(coding);
  let decoded = body;
  for (const coding of list.reverse()) decoded = await decodeOne(coding, decoded, limit);
  return decoded;
}

async function decodeOne(coding: string, body: Buffer, limit: number): Promise<Buffer> {
  try {
    return await (DECODERS.get(coding) as Decoder)(body, { maxOutputLength: limit });
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(limit);
    throw undecodable(coding);
  }
}
