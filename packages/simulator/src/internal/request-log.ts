import type { IncomingMessage } from 'node:http';
import { CREDENTIAL_HEADERS, type RecordedRequest } from '../recorded-request.ts';
import type { RouteName } from '../stats.ts';

type Entry = { -readonly [K in keyof RecordedRequest]: RecordedRequest[K] };

const REDACTED = new Set(CREDENTIAL_HEADERS);

function headersOf(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers[name] = REDACTED.has(name)
      ? '[redacted]'
      : Array.isArray(value)
        ? value.join(', ')
        : value;
  }
  return headers;
}

/**
 * The most recent `capacity` requests, oldest first, in a ring so recording stays O(1) however
 * long the simulator runs. What falls out of the ring is counted, never silently lost.
 */
export class RequestLog {
  readonly #capacity: number;
  readonly #ring: (Entry | undefined)[];
  #next = 0;
  #size = 0;
  #seq = 0;
  #dropped = 0;

  /** @param capacity - how many requests to keep; 0 keeps none */
  constructor(capacity: number) {
    this.#capacity = capacity;
    this.#ring = new Array(capacity);
  }

  /** Records a request as it arrives; returns its entry so the body can be filled in once parsed. */
  add(req: IncomingMessage, route: RouteName, path: string, query: string): Entry | undefined {
    this.#seq++;
    if (this.#capacity === 0) {
      this.#dropped++;
      return undefined;
    }
    const entry: Entry = {
      seq: this.#seq,
      route,
      method: req.method ?? 'GET',
      path,
      query,
      headers: Object.freeze(headersOf(req)),
      body: undefined,
    };
    if (this.#size === this.#capacity) this.#dropped++;
    else this.#size++;
    this.#ring[this.#next] = entry;
    this.#next = (this.#next + 1) % this.#capacity;
    return entry;
  }

  /** A copy of the kept requests, oldest first; each entry is a frozen copy. */
  list(): readonly RecordedRequest[] {
    const out: RecordedRequest[] = [];
    const start = (this.#next - this.#size + this.#capacity) % (this.#capacity || 1);
    for (let i = 0; i < this.#size; i++) {
      out.push(Object.freeze({ ...this.#ring[(start + i) % this.#capacity]! }));
    }
    return Object.freeze(out);
  }

  /** Requests that were received but are no longer (or were never) kept. */
  get dropped(): number {
    return this.#dropped;
  }

  /** Forgets every kept request and the dropped count; arrival numbers keep counting. */
  clear(): void {
    this.#ring.fill(undefined);
    this.#next = 0;
    this.#size = 0;
    this.#dropped = 0;
  }
}
