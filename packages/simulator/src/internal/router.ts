import { channel } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';
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
import { BadHeaderError } from './request-config.ts';

/** Largest request body accepted; bigger ones get a 413. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

const requestChannel = channel('hotpath:simulator:request');

type Handler = (x: Exchange, body: unknown) => void | Promise<void>;

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

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    let body = '';
    let size = 0;
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) resolve(undefined);
      else body += chunk;
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

async function dispatch(x: Exchange, route: Route): Promise<void> {
  if (x.req.method !== 'POST' || route.name === 'unknown') return route.handle(x, undefined);
  const text = await readBody(x.req);
  if (text === undefined)
    return x.sendError('too_large', `Request body larger than ${MAX_BODY_BYTES} bytes.`);
  if (x.finished) return;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return x.sendError(
      'invalid',
      'We could not parse the JSON body of your request. The API expects a JSON payload, but what was sent was not valid JSON.',
    );
  }
  return route.handle(x, body);
}

function fail(x: Exchange, error: unknown): void {
  if (x.finished || x.res.headersSent) {
    x.res.destroy();
    return;
  }
  if (error instanceof BadHeaderError) x.sendError('invalid', error.message);
  else
    x.sendError(
      'server',
      `The simulator failed: ${error instanceof Error ? error.message : String(error)}`,
    );
}

/** Handles one HTTP request: counts it, routes it, and answers errors in the provider's shape. */
export function handleRequest(sim: SimContext, req: IncomingMessage, res: ServerResponse): void {
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  const route = routeOf(req, path);
  const counters = sim.stats.counters;
  counters.requests++;
  counters.routes[route.name]++;
  sim.stats.changed();
  if (requestChannel.hasSubscribers)
    requestChannel.publish({ route: route.name, method: req.method, path });
  const x = new Exchange(req, res, sim, route.dialect);
  dispatch(x, route).then(
    () => sim.stats.changed(),
    (error: unknown) => fail(x, error),
  );
}
