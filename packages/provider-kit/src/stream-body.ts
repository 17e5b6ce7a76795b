import { mapHttpError } from './error-mapping.ts';
import { MAX_ERROR_BODY, type OpenResponse } from './json-transport.ts';

/** True when a response says it is one JSON document (`application/json`, any parameters). */
export function isJson(headers: OpenResponse['headers']): boolean {
  const type = headers['content-type'];
  return typeof type === 'string' && /^\s*application\/json\s*(?:;|$)/i.test(type);
}

/** True when `text` is a JSON object with an `error` member: OpenAI's, Anthropic's and Ollama's error shape. */
function isErrorBody(text: string): boolean {
  try {
    const body: unknown = JSON.parse(text);
    return typeof body === 'object' && body !== null && (body as { error?: unknown }).error != null;
  } catch {
    return false;
  }
}

async function* replay(
  read: readonly Uint8Array[],
  rest: AsyncIterator<Uint8Array>,
): AsyncGenerator<Uint8Array> {
  try {
    yield* read;
    for (let next = await rest.next(); next.done !== true; next = await rest.next())
      yield next.value;
  } finally {
    await rest.return?.();
  }
}

/**
 * The body of a 2xx `application/json` answer to a streaming request. An OpenAI-compatible
 * server that fails a stream may answer `200` with `{"error": {...}}` instead of events: that
 * throws the error an HTTP error status would (a `ProviderUpstreamError` with the redacted
 * upstream message), instead of the decoder finding no events and reporting a truncated stream.
 * Any other body (a server that labels its stream as JSON) goes to the decoder unchanged.
 *
 * @param provider - the provider's name, for the error
 * @param response - the open response
 * @param secrets - values redacted from the upstream message
 */
export async function jsonStreamBody(
  provider: string,
  response: OpenResponse,
  secrets: readonly string[],
): Promise<AsyncIterable<Uint8Array>> {
  const rest = (response.body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  const read: Uint8Array[] = [];
  let size = 0;
  while (size <= MAX_ERROR_BODY) {
    const next = await rest.next();
    if (next.done === true) {
      const text = Buffer.concat(read).toString('utf8');
      if (isErrorBody(text))
        throw mapHttpError(provider, response.status, response.headers, text, secrets);
      break;
    }
    read.push(next.value);
    size += next.value.byteLength;
  }
  return replay(read, rest);
}
