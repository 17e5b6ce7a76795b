import { createPrng, hash32, type Prng, randomId, randomInt } from './prng.ts';
import { WORDS } from './words.ts';

/** A tool the model may call: its name and JSON Schema parameters. */
export interface ToolSpec {
  readonly name: string;
  readonly parameters: unknown;
}

/** One content block of an answer: reasoning, visible text, or one tool call's arguments. */
export interface PlanBlock {
  readonly kind: 'reasoning' | 'text' | 'tool';
  /** Words (reasoning, text) or 2–6 character fragments of the arguments JSON (tool). */
  readonly tokens: readonly string[];
  /** The called tool's name; empty for other kinds. */
  readonly toolName: string;
  /** The tool call's id; empty for other kinds. */
  readonly toolId: string;
}

/** One emitted token: which block it belongs to and whether it opens that block. */
export interface PlanStep {
  readonly block: number;
  readonly token: string;
  readonly first: boolean;
}

/** What one simulated answer consists of, independent of the wire format. */
export interface ResponsePlan {
  /** Non-empty blocks in order: reasoning first, then text or tool calls. */
  readonly blocks: readonly PlanBlock[];
  /** Every token in sending order (built on first use: only streams need it). */
  readonly steps: readonly PlanStep[];
  /** Number of tokens in all blocks. */
  readonly tokenCount: number;
  /** Tokens of reasoning blocks (part of the completion tokens, as providers count them). */
  readonly reasoningTokens: number;
  /** `stop`, `length` (max tokens cut the answer short) or `tool` (tool calls requested). */
  readonly finish: 'stop' | 'length' | 'tool';
  /** Estimated prompt tokens: about one per four characters of the conversation. */
  readonly promptTokens: number;
}

/** Inputs of {@link planResponse}. */
export interface PlanInput {
  /** Canonical text of the conversation (system prompt and messages); the content is a function of it and the seed. */
  readonly conversation: string;
  readonly seed: number;
  readonly responseTokens: number;
  readonly reasoningTokens: number;
  readonly maxTokens: number | undefined;
  /** Tools to call, in order; empty for a text answer. */
  readonly tools: readonly ToolSpec[];
  /** Prefix of tool-call ids, e.g. `call_` or `toolu_01`. */
  readonly toolIdPrefix: string;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** `count` words of prose; sentences end every 5–12 words and at the last word. */
function words(prng: Prng, count: number): string[] {
  const tokens: string[] = [];
  let left = randomInt(prng, 5, 12);
  let sentenceStart = true;
  for (let i = 0; i < count; i++) {
    let word = WORDS[Math.floor(prng() * WORDS.length)]!;
    if (sentenceStart) word = capitalise(word);
    sentenceStart = --left === 0 || i === count - 1;
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
  if (type === 'object' || (type === undefined && schema.properties)) {
    return objectValue(schema, prng, depth);
  }
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

function naturalBlocks(input: PlanInput): PlanBlock[] {
  const prng = createPrng(hash32(input.conversation, input.seed));
  const blocks: PlanBlock[] = [];
  if (input.reasoningTokens > 0) {
    // A separate stream, so switching reasoning on does not change the answer itself.
    const thoughts = words(
      createPrng(hash32(input.conversation, input.seed ^ 0x27d4eb2f)),
      input.reasoningTokens,
    );
    blocks.push({ kind: 'reasoning', tokens: thoughts, toolName: '', toolId: '' });
  }
  if (input.tools.length === 0) {
    blocks.push({
      kind: 'text',
      tokens: words(prng, input.responseTokens),
      toolName: '',
      toolId: '',
    });
  }
  for (const tool of input.tools) {
    const args = fragments(JSON.stringify(schemaValue(tool.parameters, prng)), prng);
    const toolId = randomId(prng, input.toolIdPrefix, 22);
    blocks.push({ kind: 'tool', tokens: args, toolName: tool.name, toolId });
  }
  return blocks;
}

function cut(blocks: readonly PlanBlock[], max: number): PlanBlock[] {
  const kept: PlanBlock[] = [];
  let budget = max;
  for (const block of blocks) {
    if (budget <= 0 || block.tokens.length === 0) continue;
    kept.push(
      block.tokens.length > budget ? { ...block, tokens: block.tokens.slice(0, budget) } : block,
    );
    budget -= block.tokens.length;
  }
  return kept;
}

function stepsOf(blocks: readonly PlanBlock[]): PlanStep[] {
  const steps: PlanStep[] = [];
  blocks.forEach((block, index) => {
    block.tokens.forEach((token, i) => {
      steps.push({ block: index, token, first: i === 0 });
    });
  });
  return steps;
}

/**
 * Plans the answer to one request. The content depends only on the conversation, the seed,
 * the lengths and the tools, so the same request gets the same answer in every format,
 * streaming or not; max tokens cuts a prefix of the natural answer.
 */
export function planResponse(input: PlanInput): ResponsePlan {
  const natural = naturalBlocks(input);
  const total = natural.reduce((sum, block) => sum + block.tokens.length, 0);
  const max = input.maxTokens ?? Infinity;
  const blocks = cut(natural, max);
  const tokenCount = blocks.reduce((sum, block) => sum + block.tokens.length, 0);
  const reasoningTokens = blocks[0]?.kind === 'reasoning' ? blocks[0].tokens.length : 0;
  const finish = total > max ? 'length' : input.tools.length > 0 ? 'tool' : 'stop';
  const promptTokens = Math.max(1, Math.ceil(input.conversation.length / 4));
  let steps: PlanStep[] | undefined;
  return {
    blocks,
    get steps() {
      steps ??= stepsOf(blocks);
      return steps;
    },
    tokenCount,
    reasoningTokens,
    finish,
    promptTokens,
  };
}

/** Tool choice, normalised across providers. */
export type ToolChoice = 'none' | 'auto' | 'required' | { readonly name: string };

/**
 * Decides deterministically which tools to call: a named choice calls that tool;
 * `auto` calls every tool whose name the last user message mentions (several means
 * parallel calls), unless the conversation ends with a tool result; `required` does the
 * same but falls back to the first tool; `none` calls nothing.
 */
export function chooseTools(
  tools: readonly ToolSpec[],
  choice: ToolChoice,
  lastUserText: string,
  endsWithToolResult: boolean,
): ToolSpec[] {
  if (tools.length === 0 || choice === 'none') return [];
  if (typeof choice === 'object')
    return tools.filter((tool) => tool.name === choice.name).slice(0, 1);
  const text = lastUserText.toLowerCase();
  const mentioned = tools.filter((tool) => text.includes(tool.name.toLowerCase()));
  if (choice === 'required') return mentioned.length > 0 ? mentioned : tools.slice(0, 1);
  return endsWithToolResult ? [] : mentioned;
}
