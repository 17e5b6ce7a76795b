import { createPrng, hash32, type Prng, randomInt } from './prng.ts';
import { WORDS } from './words.ts';

/** A tool the model may call: its name and JSON Schema parameters. */
export interface ToolSpec {
  readonly name: string;
  readonly parameters: unknown;
}

/** What one simulated answer consists of, independent of the wire format. */
export interface ResponsePlan {
  /** `text`: tokens are words of the answer; `tool`: tokens are fragments of the arguments JSON. */
  readonly kind: 'text' | 'tool';
  readonly tokens: readonly string[];
  /** The request's max tokens cut the answer short (finish reason `length`). */
  readonly truncated: boolean;
  /** The called tool, when `kind` is `tool`. */
  readonly toolName: string;
  /** Estimated prompt tokens: about one per four characters of the messages. */
  readonly promptTokens: number;
  /** Seeded from the same hash as the content, for deterministic tool-call ids. */
  readonly prng: Prng;
}

/** Inputs of {@link planResponse}. */
export interface PlanInput {
  /** Canonical text of the conversation (system prompt and messages); the content is a function of it and the seed. */
  readonly conversation: string;
  readonly seed: number;
  readonly responseTokens: number;
  readonly maxTokens: number | undefined;
  readonly tool: ToolSpec | undefined;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function textTokens(prng: Prng, natural: number, emit: number): string[] {
  const tokens: string[] = [];
  let left = randomInt(prng, 5, 12);
  let sentenceStart = true;
  for (let i = 0; i < emit; i++) {
    let word = WORDS[Math.floor(prng() * WORDS.length)]!;
    if (sentenceStart) word = capitalise(word);
    sentenceStart = --left === 0 || i === natural - 1;
    if (sentenceStart) {
      word += '.';
      left = randomInt(prng, 5, 12);
    }
    tokens.push(i === 0 ? word : ` ${word}`);
  }
  return tokens;
}

type Schema = { type?: unknown; enum?: unknown; properties?: unknown; items?: unknown };

function objectValue(schema: Schema, prng: Prng, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const properties = (schema.properties ?? {}) as Record<string, unknown>;
  for (const [key, sub] of Object.entries(properties)) out[key] = schemaValue(sub, prng, depth + 1);
  return out;
}

/** A value that satisfies the common parts of a JSON Schema (type, enum, properties, items). */
export function schemaValue(raw: unknown, prng: Prng, depth = 0): unknown {
  const schema = (typeof raw === 'object' && raw !== null ? raw : {}) as Schema;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    return schema.enum[Math.floor(prng() * schema.enum.length)];
  }
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (depth > 4) return null;
  if (type === 'object' || (type === undefined && schema.properties))
    return objectValue(schema, prng, depth);
  if (type === 'array') return [schemaValue(schema.items, prng, depth + 1)];
  if (type === 'integer') return randomInt(prng, 0, 100);
  if (type === 'number') return Math.round(prng() * 10_000) / 100;
  if (type === 'boolean') return prng() < 0.5;
  if (type === 'null') return null;
  return WORDS[Math.floor(prng() * WORDS.length)];
}

function fragments(text: string, prng: Prng): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; ) {
    const size = randomInt(prng, 2, 6);
    out.push(text.slice(i, i + size));
    i += size;
  }
  return out;
}

/**
 * Plans the answer to one request. The content depends only on the conversation, the seed,
 * the length and the tool, so the same request gets the same answer in every format,
 * streaming or not; max tokens cuts a prefix of the natural answer.
 */
export function planResponse(input: PlanInput): ResponsePlan {
  const prng = createPrng(hash32(input.conversation, input.seed));
  const max = input.maxTokens ?? Infinity;
  const promptTokens = Math.max(1, Math.ceil(input.conversation.length / 4));
  if (input.tool !== undefined) {
    const all = fragments(JSON.stringify(schemaValue(input.tool.parameters, prng)), prng);
    const tokens = all.length > max ? all.slice(0, max) : all;
    const truncated = tokens.length < all.length;
    return { kind: 'tool', tokens, truncated, toolName: input.tool.name, promptTokens, prng };
  }
  const natural = input.responseTokens;
  const tokens = textTokens(prng, natural, Math.min(natural, max));
  return {
    kind: 'text',
    tokens,
    truncated: tokens.length < natural,
    toolName: '',
    promptTokens,
    prng,
  };
}

/** Tool choice, normalised across providers. */
export type ToolChoice = 'none' | 'auto' | 'required' | { readonly name: string };

/**
 * Decides deterministically whether to call a tool: `required` or a named choice always
 * calls; `auto` calls the first tool whose name the last user message mentions, unless the
 * conversation ends with a tool result; `none` never calls.
 */
export function chooseTool(
  tools: readonly ToolSpec[],
  choice: ToolChoice,
  lastUserText: string,
  endsWithToolResult: boolean,
): ToolSpec | undefined {
  if (tools.length === 0 || choice === 'none') return undefined;
  if (typeof choice === 'object') return tools.find((tool) => tool.name === choice.name);
  const text = lastUserText.toLowerCase();
  const mentioned = tools.find((tool) => text.includes(tool.name.toLowerCase()));
  if (choice === 'required') return mentioned ?? tools[0];
  return endsWithToolResult ? undefined : mentioned;
}
