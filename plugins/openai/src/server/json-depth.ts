import { OpenAIRequestError } from '../errors.ts';

/**
 * Deepest nesting of arrays and objects a request body may have, counted from the body itself
 * (the body object is level 1). Far above any real JSON Schema (OpenAI's structured outputs
 * allow 10 levels of schema), and far below the 1,000 levels `@hotpath/cache` keys accept.
 */
export const DEFAULT_MAX_DEPTH = 128;

/**
 * Throws an {@link OpenAIRequestError} (`nesting_too_deep`) when the free-form JSON `value` at
 * `param`, itself at nesting level `level` of the body, nests past `maxDepth`. Iterative, so
 * no depth overflows the stack; it stops at the first level too deep.
 */
export function checkDepth(value: unknown, param: string, level: number, maxDepth: number): void {
  if (typeof value !== 'object' || value === null) return;
  const stack: unknown[] = [value];
  const levels: number[] = [level];
  while (stack.length > 0) {
    const node = stack.pop() as object;
    const at = levels.pop() as number;
    if (at > maxDepth) throw tooDeep(param, maxDepth);
    const children = Array.isArray(node) ? node : Object.values(node);
    for (const child of children) {
      if (typeof child === 'object' && child !== null) {
        stack.push(child);
        levels.push(at + 1);
      }
    }
  }
}

function tooDeep(param: string, maxDepth: number): OpenAIRequestError {
  return new OpenAIRequestError(
    param,
    'nesting_too_deep',
    `'${param}' nests JSON deeper than ${maxDepth} levels (counted from the request body), the most this server accepts: flatten it (use $defs and $ref for recursive schemas).`,
  );
}
