import type { Entry } from './entry.ts';

/**
 * O(1) invalidation: a tag maps to the instant it was last invalidated, and an entry
 * created at or before that instant is dead. Nothing is scanned or deleted.
 */
export class TagRegistry {
  readonly #invalidatedAt = new Map<string, number>();

  /** True when none of the entry's tags was invalidated after it was created. */
  isValid(entry: Entry): boolean {
    const tags = entry.tags;
    if (tags === undefined) return true;
    for (const tag of tags) {
      const at = this.#invalidatedAt.get(tag);
      if (at !== undefined && at >= entry.createdAt) return false;
    }
    return true;
  }

  /** Records an invalidation; keeps the later instant when two race. */
  invalidate(tag: string, at: number): void {
    const known = this.#invalidatedAt.get(tag);
    if (known === undefined || known < at) this.#invalidatedAt.set(tag, at);
  }
}
