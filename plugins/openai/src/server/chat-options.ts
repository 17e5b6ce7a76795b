import type { ResponseFormat, ToolChoice, ToolDefinition } from '@hotpath/protocol';
import { invalidValue } from '../errors.ts';
import { checkDepth } from './json-depth.ts';
import { isObject, type Json, present, string } from './json-value.ts';

// The typed options of an OpenAI chat request: tools, tool choice, response format and the
// sampling numbers. `maxDepth` bounds the free-form JSON Schemas inside tools and formats.

function tool(value: unknown, i: number, maxDepth: number): ToolDefinition {
  const param = `tools[${i}]`;
  if (!isObject(value) || (present(value.type) && value.type !== 'function'))
    throw invalidValue(`${param}.type`, "'function' (custom tools are not relayed)");
  const fn = value.function;
  if (!isObject(fn)) throw invalidValue(`${param}.function`, 'an object');
  const parameters =
    fn.parameters === undefined ? { type: 'object', properties: {} } : fn.parameters;
  if (!isObject(parameters))
    throw invalidValue(`${param}.function.parameters`, 'a JSON Schema object');
  checkDepth(parameters, `${param}.function.parameters`, 5, maxDepth);
  const out: { -readonly [K in keyof ToolDefinition]: ToolDefinition[K] } = {
    name: string(fn.name, `${param}.function.name`),
    parameters,
  };
  if (present(fn.description))
    out.description = string(fn.description, `${param}.function.description`);
  if (present(fn.strict)) out.strict = boolean(fn.strict, `${param}.function.strict`);
  return out;
}

/** `tools`: function tools only. */
export function tools(value: unknown, maxDepth: number): ToolDefinition[] {
  if (!Array.isArray(value)) throw invalidValue('tools', 'an array of tools');
  return value.map((t, i) => tool(t, i, maxDepth));
}

/** `tool_choice`. */
export function toolChoice(value: unknown): ToolChoice {
  if (value === 'auto' || value === 'none' || value === 'required') return value;
  const fn = isObject(value) && value.type === 'function' ? value.function : undefined;
  if (isObject(fn) && typeof fn.name === 'string') return { name: fn.name };
  throw invalidValue(
    'tool_choice',
    "'auto', 'none', 'required' or { type: 'function', function: { name } }",
  );
}

function jsonSchemaFormat(schema: Json, maxDepth: number): ResponseFormat {
  const param = 'response_format.json_schema';
  checkDepth(schema.schema, `${param}.schema`, 4, maxDepth);
  return {
    type: 'json_schema',
    name: string(schema.name, `${param}.name`),
    ...(present(schema.description)
      ? { description: string(schema.description, `${param}.description`) }
      : {}),
    schema: schema.schema as Json,
    ...(present(schema.strict) ? { strict: boolean(schema.strict, `${param}.strict`) } : {}),
  };
}

/** `response_format`. */
export function responseFormat(value: unknown, maxDepth: number): ResponseFormat {
  if (!isObject(value)) throw invalidValue('response_format', 'an object');
  if (value.type === 'text' || value.type === 'json_object') return { type: value.type };
  const schema = value.json_schema;
  if (value.type === 'json_schema' && isObject(schema) && isObject(schema.schema))
    return jsonSchemaFormat(schema, maxDepth);
  throw invalidValue(
    'response_format.type',
    "'text', 'json_object' or 'json_schema' with a schema",
  );
}

/** A number in `[min, max]`. */
export function number(value: unknown, param: string, min: number, max: number): number {
  if (typeof value !== 'number' || !(value >= min && value <= max))
    throw invalidValue(param, `a number from ${min} to ${max}`);
  return value;
}

/** A safe integer ≥ 0. */
export function integer(value: unknown, param: string): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0)
    throw invalidValue(param, 'an integer ≥ 0');
  return value as number;
}

/** A boolean. */
export function boolean(value: unknown, param: string): boolean {
  if (typeof value !== 'boolean') throw invalidValue(param, 'true or false');
  return value;
}

/** `stop`: a string or strings. */
export function stop(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((s) => typeof s === 'string')) return value;
  throw invalidValue('stop', 'a string or an array of strings');
}
