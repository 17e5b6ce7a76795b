import type { ChatMessage, JsonSchema, ToolChoice, ToolDefinition } from '@hotpath/protocol';
import { TokensArgumentError } from './errors.ts';
import { assertString, assertTools } from './internal/validate.ts';

// How OpenAI bills a chat request, following the OpenAI cookbook ("How to count tokens with
// tiktoken") for messages and hmarr/openai-chat-tokens for tool definitions, which renders them
// the way the API injects them (a TypeScript `namespace functions`) and was checked against
// the API's reported prompt_tokens.

/** Per-message token overhead of a model family. */
export interface ChatOverhead {
  /** Tokens added for every message (`<|start|>role … <|end|>`). */
  readonly perMessage: number;
  /** Tokens that prime the reply (`<|start|>assistant<|message|>`). */
  readonly perReply: number;
}

const DEFAULT_OVERHEAD: ChatOverhead = { perMessage: 3, perReply: 3 };
const GPT35_0301: ChatOverhead = { perMessage: 4, perReply: 3 };
/** Overhead of one assistant tool call around its name and arguments. */
export const TOOL_CALL_OVERHEAD = 3;
/** Overhead of the rendered tool definitions block. */
export const TOOLS_OVERHEAD = 9;
/** Tokens the API saves when a system message exists alongside tool definitions. */
export const TOOLS_SYSTEM_DEDUCTION = 4;

/** The per-message overhead for `model` (only gpt-3.5-turbo-0301 differs from the rest). */
export function chatOverheadFor(model: string | undefined): ChatOverhead {
  if (model !== undefined) assertString(model, 'model');
  return model?.includes('gpt-3.5-turbo-0301') ? GPT35_0301 : DEFAULT_OVERHEAD;
}

type Property = JsonSchema & {
  type?: unknown;
  description?: unknown;
  enum?: unknown;
  items?: unknown;
  properties?: unknown;
  required?: unknown;
};

function formatType(param: Property, indent: number): string {
  const values = Array.isArray(param.enum) ? param.enum : undefined;
  switch (param.type) {
    case 'string':
      return values?.map((value) => JSON.stringify(value)).join(' | ') ?? 'string';
    case 'integer':
    case 'number':
      return values?.map(String).join(' | ') ?? 'number';
    case 'boolean':
    case 'null':
      return param.type;
    case 'array':
      return param.items ? `${formatType(param.items as Property, indent)}[]` : 'any[]';
    case 'object':
      return `{\n${formatProperties(param, indent + 2)}\n${' '.repeat(indent)}}`;
    default:
      return 'any';
  }
}

function formatProperties(schema: Property, indent: number): string {
  const properties = (schema.properties ?? {}) as { [name: string]: Property };
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  for (const [name, param] of Object.entries(properties)) {
    if (typeof param.description === 'string' && indent < 2) {
      lines.push(`${pad}// ${param.description}`);
    }
    lines.push(`${pad}${name}${required.has(name) ? '' : '?'}: ${formatType(param, indent)},`);
  }
  return lines.join('\n');
}

/** Renders tool definitions the way OpenAI injects them into the prompt. */
export function formatToolDefinitions(tools: readonly ToolDefinition[]): string {
  if (!Array.isArray(tools)) throw new TokensArgumentError('tools', 'an array of ToolDefinition');
  assertTools(tools, undefined);
  const lines = ['namespace functions {', ''];
  for (const tool of tools) {
    if (tool.description) lines.push(`// ${tool.description}`);
    const properties = (tool.parameters as Property).properties;
    if (!properties || Object.keys(properties).length === 0) {
      lines.push(`type ${tool.name} = () => any;`);
    } else {
      lines.push(`type ${tool.name} = (_: {`, formatProperties(tool.parameters, 0), '}) => any;');
    }
    lines.push('');
  }
  lines.push('} // namespace functions');
  return lines.join('\n');
}

/** Tokens that `toolChoice` adds to the prompt. */
export function toolChoiceTokens(
  choice: ToolChoice | undefined,
  count: (text: string) => number,
): number {
  if (choice === 'none') return 1;
  if (typeof choice === 'object') return count(choice.name) + 4;
  return 0;
}

/** Tokens of one message's role and content, without the per-message overhead. */
export function messageTokens(
  message: ChatMessage,
  count: (text: string) => number,
  imageTokens: number,
): number {
  let tokens = count(message.role);
  if (typeof message.content === 'string') {
    tokens += count(message.content);
  } else {
    for (const part of message.content) {
      tokens += part.type === 'text' ? count(part.text) : imageTokens;
    }
  }
  if (message.role === 'assistant' && message.toolCalls) {
    for (const call of message.toolCalls) {
      tokens += count(call.name) + count(call.arguments) + TOOL_CALL_OVERHEAD;
    }
  }
  return tokens;
}
