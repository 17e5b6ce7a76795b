/**
 * The option names a public boundary accepts, built once with {@link knownKeys} and checked
 * with {@link checkKnownKeys}.
 */
export type KnownKeys = ReadonlySet<string>;

/**
 * The keys of the options type `T` as a {@link KnownKeys} set. Listing them as an object whose
 * values are all `true` lets the compiler check the list: a key `T` does not have, or a key of
 * `T` left out, fails to compile, so the set cannot drift from the type.
 *
 * @example
 * ```ts
 * interface PoolOptions { max?: number; idleTimeoutMs?: number }
 * const POOL_OPTIONS = knownKeys<PoolOptions>({ max: true, idleTimeoutMs: true });
 * ```
 */
export function knownKeys<T extends object>(
  keys: {
    readonly [K in keyof T & string]-?: true;
  },
): KnownKeys {
  return new Set(Object.keys(keys));
}

/**
 * Rejects an options object that has a key its boundary does not know, so a misspelt or
 * renamed option is never silently ignored by a JavaScript caller. Durations are in
 * milliseconds and end in `Ms`, and a base URL is spelled `baseURL`, across hotpath: for an old
 * spelling (`ttl` where `ttlMs` is known, `baseUrl` or `url` where `baseURL` is) the message
 * names the new one.
 *
 * Cheap enough for a per-call options object: one `for…in` over its keys and a set lookup each;
 * the message is built only when a key is unknown. Symbol keys are not options and are ignored;
 * inherited enumerable keys are ignored too.
 *
 * @param options - the object to check (the caller has already checked it is a non-null object)
 * @param known - the accepted keys, from {@link knownKeys}
 * @param name - how the message names the object, for example `options` or `options.l2`
 * @param toError - builds the package's own argument error (a {@link HotpathArgumentError}
 *   subclass with a stable code) from the message
 * @example
 * ```ts
 * checkKnownKeys({ ttl: 1000 }, knownKeys<{ ttlMs?: number }>({ ttlMs: true }), 'options', (m) => new TypeError(m));
 * // TypeError: options.ttl is not an option; durations are in milliseconds and end in Ms: use options.ttlMs.
 * ```
 */
export function checkKnownKeys(
  options: object,
  known: KnownKeys,
  name: string,
  toError: (message: string) => Error,
): void {
  for (const key in options) {
    if (!known.has(key) && Object.hasOwn(options, key)) {
      throw toError(unknownKeyMessage(key, known, name));
    }
  }
}

/** Lower-cased spellings that mean a base URL. */
const BASE_URL_ALIASES: ReadonlySet<string> = new Set([
  'baseurl',
  'base_url',
  'baseuri',
  'url',
  'uri',
  'endpoint',
  'apibase',
  'apiurl',
  'apiroot',
]);

const MAX_LISTED = 40;

/**
 * What {@link checkKnownKeys} says about the unknown `key` of the object called `name`: the new
 * spelling when `key` is an old one, else the keys that are accepted.
 */
export function unknownKeyMessage(key: string, known: KnownKeys, name: string): string {
  const path = keyPath(name, key);
  const lower = key.toLowerCase();
  const duration = known.has(`${key}Ms`) ? `${key}Ms` : findCaseless(known, `${lower}ms`);
  if (duration !== undefined) {
    return `${path} is not an option; durations are in milliseconds and end in Ms: use ${name}.${duration}.`;
  }
  if (known.has('baseURL') && BASE_URL_ALIASES.has(lower)) {
    return `${path} is not an option; a base URL is spelled baseURL: use ${name}.baseURL.`;
  }
  const recased = findCaseless(known, lower);
  if (recased !== undefined) return `${path} is not an option: use ${name}.${recased}.`;
  return `${path} is not an option; ${name} accepts ${listed(known)}.`;
}

/** The known key that is `lower` in lower case, if any. */
function findCaseless(known: KnownKeys, lower: string): string | undefined {
  for (const candidate of known) if (candidate.toLowerCase() === lower) return candidate;
  return undefined;
}

/** `options.ttl`, or `options["a b"]` for a key that is not an identifier (escaped, cut when huge). */
function keyPath(name: string, key: string): string {
  if (/^[A-Za-z_$][\w$]{0,63}$/.test(key)) return `${name}.${key}`;
  const shown = key.length > 64 ? `${key.slice(0, 64)}…` : key;
  return `${name}[${JSON.stringify(shown)}]`;
}

function listed(known: KnownKeys): string {
  if (known.size === 0) return 'no options';
  const keys = [...known].sort();
  const head = keys.slice(0, MAX_LISTED).join(', ');
  return keys.length > MAX_LISTED ? `${head} …` : head;
}
