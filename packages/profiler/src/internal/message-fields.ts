/** True for `{…}` literals and `Object.create(null)` objects: the messages whose fields are read. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Calls `visit` for each of a message's own fields, then for the fields of plain objects one
 * level down that the message does not name itself: `hotpath:stream:end` carries its timings as
 * `{ metrics: { ttftMs, totalMs … } }`. Errors, arrays and class instances are not looked into.
 * Allocates nothing: it runs for every event.
 */
export function forEachField(
  message: Record<string, unknown>,
  visit: (field: string, value: unknown) => void,
): void {
  let nested = false;
  for (const field in message) {
    if (!Object.hasOwn(message, field)) continue;
    const value = message[field];
    visit(field, value);
    nested ||= isPlainObject(value);
  }
  if (!nested) return;
  for (const field in message) {
    const value = message[field];
    if (!Object.hasOwn(message, field) || !isPlainObject(value)) continue;
    for (const inner in value) {
      if (Object.hasOwn(value, inner) && !Object.hasOwn(message, inner)) visit(inner, value[inner]);
    }
  }
}
