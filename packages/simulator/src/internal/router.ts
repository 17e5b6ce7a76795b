import { channel } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SIMULATOR_CHANNELS } from '../channels.ts';
import type { RouteName } from '../stats.ts';
import { anthropicDialect, anthropicMessages } from './anthropic.ts';
import { handleChat } from './chat-handler.ts';
import type { SimContext } from './context.ts';
import type { Dialect } from './dialect.ts';
import { handleEmbed } from './embed-handler.ts';
import { Exchange } from './exchange.ts';
import { handleModels, handleTags } from './models-handler.ts';
import { ollamaChat, ollamaDialect } from './ollama.ts';
import { openAiChat, openAiDialect } from './openai.ts';

/** Largest request body accepted; bigger ones get a 413. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

const requestChannel = channel(SIMULATOR_CHANNELS.request);

const INVALID_JSON =
  'We could not parse the JSON body of your request. The API expects a JSON payload, but what was sent was not valid JSON.';

type Handler = (x: Exchange, body: unknown) => void;

interface Route {
  readonly name: RouteName;
  readonly dialect: Dialect;
  readonly handle: Handler;
}

const ROUTES: ReadonlyMap<string, Route> = new Map<string, Route>([
  [
    'POST /v1/chat/completions',
    { name: 'openai.chat', dialect: openAiChat, handle: (x, b) => handleChat(x, openAiChat, b) },
  ],
  [
    'POST /v1/embeddings',
    {
      name: 'openai.embeddings',
      dialect: openAiDialect,
      handle: (x, b) => handleEmbed(x, 'openai', b),
    },
  ],
  [
    'POST /v1/messages',
    {
      name: 'anthropic.messages',
      dialect: anthropicMessages,
      handle: (x, b) => handleChat(x, anthropicMessages, b),
    },
  ],
  [
    'POST /api/chat',
    { name: 'ollama.chat', dialect: ollamaChat, handle: (x, b) => handleChat(x, ollamaChat, b) },
  ],
  [
    'POST /api/embed',
    { name: 'ollama.embed', dialect: ollamaDialect, handle: (x, b) => handleEmbed(x, 'ollama', b) },
  ],
  ['GET /api/tags', { name: 'ollama.tags', dialect: ollamaDialect, handle: (x) => handleTags(x) }],
]);

function routeOf(req: IncomingMessage, path: string): Route {
  const key = `${req.method} ${path}`;
  const known = ROUTES.get(key);
  if (known !== undefined) return known;
  if (key === 'GET /v1/models') {
    return req.headers['anthropic-version'] === undefined
      ? { name: 'openai.models', dialect: openAiDialect, handle: (x) => handleModels(x, false) }
      : {
          name: 'anthropic.models',
          dialect: anthropicDialect,
          handle: (x) => handleModels(x, true),
        };
  }
  const dialect = path.startsWith('/api/')
    ? ollamaDialect
    : req.headers['anthropic-version'] !== undefined
      ? anthropicDialect
      : openAiDialect;
  const message = `Invalid URL (${req.method} ${path})`;
  return { name: 'unknown', dialect, handle: (x) => x.sendError('not_found', message) };
}

function readBody(req: IncomingMessage, done: (text: string | undefined) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  });
  req.on('end', () => {
    if (size > MAX_BODY_BYTES) done(undefined);
    else done(chunks.length === 1 ? chunks[0]!.toString() : Buffer.concat(chunks).toString());
  });
}

type Recorded = { body: unknown } | undefined;

function parseAndHandle(
  x: Exchange,
  route: Route,
  text: string | undefined,
  recorded: Recorded,
): void {
  if (x.finished) return;
  if (text === undefined) {
    x.sendError('too_large', `Request body larger than ${MAX_BODY_BYTES} bytes.`);
    return;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    x.sendError('invalid', INVALID_JSON);
    return;
  }
  if (recorded !== undefined) recorded.body = body;
  route.handle(x, body);
}

function dispatch(x: Exchange, route: Route, recorded: Recorded): void {
  if (x.req.method !== 'POST' || route.name === 'unknown') {
    // Drain any body so the keep-alive connection stays usable for the next request.
    x.req.resume();
    route.handle(x, undefined);
  } else readBody(x.req, (text) => x.guard(() => parseAndHandle(x, route, text, recorded)));
}

/** Handles one HTTP request: counts it, routes it, and answers errors in the provider's shape. */
export function handleRequest(sim: SimContext, req: IncomingMessage, res: ServerResponse): void {
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  const route = routeOf(req, path);
  const recorded = sim.requests.add(
    req,
    route.name,
    path,
    query === -1 ? '' : url.slice(query + 1),
  );
  const counters = sim.stats.counters;
  counters.requests++;
  counters.routes[route.name]++;
  sim.stats.changed();
  if (requestChannel.hasSubscribers)
    requestChannel.publish({ route: route.name, method: req.method, path });
  const x = new Exchange(req, res, sim, route.dialect);
  x.guard(() => dispatch(x, route, recorded));
}
