// Stores keep keys as UTF-8 (SQLite TEXT, Redis strings), and UTF-8 cannot carry a lone
// surrogate: 'a\uD800' and 'a\uDC00' would both be stored as 'a\uFFFD', one row for two keys.
// Keys are therefore escaped into well-formed strings, injectively, before they reach a store.

/** Escape mark: a noncharacter, so it is rare in real keys; it is escaped itself when present. */
const ESC = '\uFFFF';
const HEX_DIGITS = 4;

function escapeUnit(code: number): string {
  return ESC + code.toString(16).padStart(HEX_DIGITS, '0');
}

function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function escapeAll(key: string): string {
  let out = '';
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(i);
    if (isHigh(code) && isLow(key.charCodeAt(i + 1))) {
      out += key[i]! + key[++i]!;
    } else if (isHigh(code) || isLow(code) || code === 0xffff) {
      out += escapeUnit(code);
    } else {
      out += key[i];
    }
  }
  return out;
}

/**
 * The key as a store keeps it: itself when it is well-formed UTF-16 without U+FFFF (the usual
 * case, two scans and no copy), else each lone surrogate and each U+FFFF written as U+FFFF
 * followed by four hex digits. Injective over every JavaScript string, and compositional at a
 * `:` so keyv's `namespace:` prefixes still match.
 */
export function toStoredKey(key: string): string {
  return key.isWellFormed() && !key.includes(ESC) ? key : escapeAll(key);
}

/** The inverse of {@link toStoredKey}. */
export function fromStoredKey(stored: string): string {
  if (!stored.includes(ESC)) return stored;
  let out = '';
  for (let i = 0; i < stored.length; i++) {
    if (stored[i] !== ESC) {
      out += stored[i];
      continue;
    }
    out += String.fromCharCode(Number.parseInt(stored.slice(i + 1, i + 1 + HEX_DIGITS), 16));
    i += HEX_DIGITS;
  }
  return out;
}
