import type { Simulator } from '@hotpath/simulator';

/** The three chat routes and a minimal streaming request body for each. */
export const routes = {
  openai: {
    path: '/v1/chat/completions',
    body: {
      model: 'sim-small',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    },
  },
  anthropic: {
    path: '/v1/messages',
    body: {
      model: 'sim-small',
      max_tokens: 1000,
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    },
  },
  ollama: {
    path: '/api/chat',
    body: { model: 'sim-small', messages: [{ role: 'user', content: 'hi' }], stream: true },
  },
} as const;

export type Provider = keyof typeof routes;

/** Starts a streaming request; returns its body and the controller that aborts it. */
export async function request(
  sim: Simulator,
  provider: Provider,
  headers: Record<string, string> = {},
): Promise<{ body: AsyncIterable<Uint8Array>; upstream: AbortController }> {
  const upstream = new AbortController();
  const { path, body } = routes[provider];
  const response = await fetch(`${sim.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', ...headers },
    body: JSON.stringify(body),
    signal: upstream.signal,
  });
  if (!response.ok || response.body === null)
    throw new Error(`simulator answered ${response.status}`);
  return { body: response.body, upstream };
}
