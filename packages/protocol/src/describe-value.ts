/** Longest part of a string an error message quotes: enough to recognise it, never a whole prompt. */
const QUOTED = 60;

/**
 * How an error message names a value it rejects: strings quoted (the first 60 code units), numbers,
 * booleans, `null`, `undefined` and bigints as written, and anything else by its kind (`a
 * function`, `an array (3 items)`, `an object (Promise)`). It never calls the value's own
 * `toString` or getters, and a proxy trap that throws is caught, so it cannot throw whatever the
 * caller passed: a null-prototype object or a hostile proxy gets the typed argument error it
 * should, not a stray `TypeError` from building the message (as `String(value)` would give).
 *
 * @example
 * ```ts
 * describeValue('ten'); // '"ten"'
 * describeValue(Object.create(null)); // 'an object (null prototype)'
 * ```
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.length > QUOTED ? `${value.slice(0, QUOTED)}…` : value);
    case 'bigint':
      return `${value}n`;
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    case 'object':
      return value === null ? 'null' : describeObject(value);
    default:
      // String(-0) is '0', which would make "must be > 0, got 0" read as a contradiction.
      return Object.is(value, -0) ? '-0' : String(value);
  }
}

/**
 * The message of an argument error in its one shape, `<argument> must be <expected>, got <value>.`,
 * with the value named by {@link describeValue}.
 *
 * @param argument - the offending argument, as the caller wrote it (`options.maxMs`, `--files`)
 * @param expected - what was expected (`a finite number ≥ 0`)
 * @param actual - the value received
 * @example
 * ```ts
 * argumentMessage('options.max', 'an integer ≥ 1', 0); // 'options.max must be an integer ≥ 1, got 0.'
 * ```
 */
export function argumentMessage(argument: string, expected: string, actual: unknown): string {
  return `${argument} must be ${expected}, got ${describeValue(actual)}.`;
}

function describeObject(value: object): string {
  try {
    if (Array.isArray(value)) return `an array (${value.length} items)`;
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype === null) return 'an object (null prototype)';
    const maker: unknown = Object.getOwnPropertyDescriptor(prototype, 'constructor')?.value;
    if (typeof maker !== 'function') return 'an object';
    const name: unknown = Object.getOwnPropertyDescriptor(maker, 'name')?.value;
    return typeof name === 'string' && name !== '' ? `an object (${name})` : 'an object';
  } catch {
    // A revoked proxy or a trap that throws: its kind is all a message can say safely.
    return 'an object';
  }
}
