// Plain-fetch helpers: the tests parse SSE and NDJSON by hand, independent of any decoder.

/** POSTs `body` as JSON (or as the raw string when it is one) to `url + path`. */
export function post(
  url: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
  signal?: AbortSignal,
): Promise<Response> {
  return fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
}

/** One server-sent event: its `event` name (if any) and its `data`. */
export interface SseEvent {
  event: string | undefined;
  data: string;
}

/** Splits a complete SSE body into events (LF line endings, as the simulator sends). */
export function parseSse(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  for (const block of text.split('\n\n')) {
    if (block.trim() === '') continue;
    let event: string | undefined;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    events.push({ event, data: data.join('\n') });
  }
  return events;
}

/** Parses an NDJSON body into objects. */
export function parseNdjson(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The `data` of the OpenAI chunks of a body, parsed, without the `[DONE]` marker. */
export function openAiChunks(text: string): Record<string, unknown>[] {
  return parseSse(text)
    .filter((e) => e.data !== '[DONE]')
    .map((e) => JSON.parse(e.data) as Record<string, unknown>);
}

/** The text content of OpenAI chunks, concatenated. */
export function openAiText(text: string): string {
  return openAiChunks(text)
    .map(
      (chunk) =>
        (chunk.choices as { delta: { content?: string | null } }[])[0]?.delta.content ?? '',
    )
    .join('');
}

/** Reads a streaming body until `predicate` holds for what arrived so far, then returns it (the stream stays open). */
export async function readUntil(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  predicate: (text: string) => boolean,
): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  while (!predicate(text)) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  return text;
}

/** Reads a body to its end, returning the text read and the error that ended it, if any. */
export async function readAll(response: Response): Promise<{ text: string; error: unknown }> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { text, error: undefined };
      text += decoder.decode(value, { stream: true });
    }
  } catch (error) {
    return { text, error };
  }
}

/** A chat request body with one user message. */
export function chat(
  content: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { model: 'sim-small', messages: [{ role: 'user', content }], ...extra };
}
