import { deliverBody } from './deliver.ts';
import { isObject } from './dialect.ts';
import { embedText, inputTokens, toBase64 } from './embedding.ts';
import type { Exchange } from './exchange.ts';

interface EmbedCall {
  readonly model: string;
  readonly inputs: readonly string[];
  readonly dimensions: number | undefined;
  readonly base64: boolean;
}

/**
 * Most inputs one request may embed, OpenAI's own limit: within the 32 MiB body limit a request
 * could otherwise list millions of empty strings, each answered with a full vector.
 */
const MAX_INPUTS = 2048;

function isTokenArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.length > 0 && value.every((n) => Number.isInteger(n));
}

function inputsOf(input: unknown): string[] | undefined {
  if (typeof input === 'string') return [input];
  if (isTokenArray(input)) return [input.join(' ')];
  if (!Array.isArray(input) || input.length === 0) return undefined;
  const out: string[] = [];
  for (const item of input) {
    if (typeof item === 'string') out.push(item);
    else if (isTokenArray(item)) out.push(item.join(' '));
    else return undefined;
  }
  return out;
}

function parseEmbed(body: unknown): EmbedCall | string {
  if (!isObject(body)) return 'The request body must be a JSON object.';
  if (typeof body.model !== 'string' || body.model === '')
    return 'you must provide a model parameter';
  const inputs = inputsOf(body.input);
  if (inputs === undefined)
    return "'input' must be a string, an array of strings, or an array of token arrays";
  if (inputs.length > MAX_INPUTS)
    return `'input' must hold at most ${MAX_INPUTS} items, got ${inputs.length}.`;
  const dimensions = body.dimensions;
  if (
    dimensions != null &&
    !(
      Number.isInteger(dimensions) &&
      (dimensions as number) >= 1 &&
      (dimensions as number) <= 65536
    )
  ) {
    return "Invalid 'dimensions': expected an integer from 1 to 65536.";
  }
  const format = body.encoding_format;
  if (format != null && format !== 'float' && format !== 'base64') {
    return "Invalid 'encoding_format': expected 'float' or 'base64'.";
  }
  return {
    model: body.model,
    inputs,
    dimensions: (dimensions as number | null) ?? undefined,
    base64: format === 'base64',
  };
}

function openAiBody(x: Exchange, call: EmbedCall, dimensions: number): string {
  let tokens = 0;
  const data = call.inputs.map((text, index) => {
    tokens += inputTokens(text);
    const vector = embedText(text, call.model, x.config!.seed, dimensions);
    return { object: 'embedding', index, embedding: call.base64 ? toBase64(vector) : vector };
  });
  return JSON.stringify({
    object: 'list',
    data,
    model: call.model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  });
}

function ollamaBody(x: Exchange, call: EmbedCall, dimensions: number): string {
  const embeddings = call.inputs.map((text) =>
    embedText(text, call.model, x.config!.seed, dimensions),
  );
  const tokens = call.inputs.reduce((sum, text) => sum + inputTokens(text), 0);
  const ns = Math.round((performance.now() - x.startedAt) * 1e6);
  return JSON.stringify({
    model: call.model,
    embeddings,
    total_duration: ns + 1000,
    load_duration: 1000,
    prompt_eval_count: tokens,
  });
}

/**
 * Answers `POST /v1/embeddings` (`format` openai) or `POST /api/embed` (`format` ollama)
 * with deterministic unit vectors, after the time to first token.
 */
export function handleEmbed(x: Exchange, format: 'openai' | 'ollama', body: unknown): void {
  const call = parseEmbed(body);
  if (typeof call === 'string') {
    x.sendError('invalid', call);
    return;
  }
  const config = x.configure(undefined);
  const tokens = call.inputs.reduce((sum, text) => sum + inputTokens(text), 0);
  if (!x.admit(tokens) || x.statusFault(false)) return;
  x.afterSlowHeaders(() => {
    x.after(config.ttftMs - (performance.now() - x.startedAt), () => {
      const dimensions = call.dimensions ?? x.sim.options.embeddingDimensions;
      const render = format === 'openai' ? openAiBody : ollamaBody;
      deliverBody(x, render(x, call, dimensions));
    });
  });
}
