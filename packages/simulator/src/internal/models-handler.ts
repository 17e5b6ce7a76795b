import type { Exchange } from './exchange.ts';
import { hash32 } from './prng.ts';

const CREATED = 1_700_000_000;

/** `GET /v1/models` in OpenAI's shape, or in Anthropic's when the request sends `anthropic-version`. */
export function handleModels(x: Exchange, anthropic: boolean): void {
  const models = x.sim.options.models;
  if (!anthropic) {
    const data = models.map((id) => ({
      id,
      object: 'model',
      created: CREATED,
      owned_by: 'hotpath-simulator',
    }));
    x.sendJson(200, JSON.stringify({ object: 'list', data }));
    return;
  }
  const createdAt = new Date(CREATED * 1000).toISOString();
  const data = models.map((id) => ({ type: 'model', id, display_name: id, created_at: createdAt }));
  const page = {
    data,
    has_more: false,
    first_id: models[0] ?? null,
    last_id: models.at(-1) ?? null,
  };
  x.sendJson(200, JSON.stringify(page));
}

/** `GET /api/tags`: Ollama's list of local models. */
export function handleTags(x: Exchange): void {
  const modifiedAt = new Date(CREATED * 1000).toISOString();
  const models = x.sim.options.models.map((name) => ({
    name,
    model: name,
    modified_at: modifiedAt,
    size: 1_000_000,
    digest: hash32(name).toString(16).padStart(8, '0').repeat(8),
    details: { format: 'gguf', family: 'sim', parameter_size: '1B', quantization_level: 'Q4_0' },
  }));
  x.sendJson(200, JSON.stringify({ models }));
}
