import type { StreamDelta } from '@hotpath/protocol';
import type { DeltaStream } from './delta-stream.ts';
import { StreamArgumentError } from './errors.ts';
import { Operator } from './internal/operator.ts';
import { checkKeys, RECHUNK_OPTIONS } from './internal/option-keys.ts';
import { checkMs, Upstream } from './internal/upstream.ts';

/** Options of {@link rechunk}. */
export interface RechunkOptions {
  /** Emit merged text once it has at least this many characters. @default 32 */
  readonly minChars?: number;
  /** Emit merged text at the latest this long after its first piece arrived. @default 50 */
  readonly maxDelayMs?: number;
}

type TextKind = 'text' | 'reasoning';

class Rechunk extends Operator {
  readonly #up: Upstream;
  readonly #min: number;
  readonly #delay: number;
  #kind: TextKind = 'text';
  #text = '';
  #since = 0;
  #ready: StreamDelta[] = [];
  #sourceDone = false;
  #sourceError: unknown;
  #pending: Promise<boolean> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #wake: ((more: boolean) => void) | undefined;
  #sleeping: Promise<boolean> | undefined;

  constructor(up: Upstream, min: number, delay: number) {
    super(up);
    this.#up = up;
    this.#min = min;
    this.#delay = delay;
  }

  readBuffered(): StreamDelta | undefined {
    if (this.#ready.length > 0) return this.#ready.shift();
    if (this.#sourceDone) return this.#text === '' ? undefined : this.#flush();
    for (;;) {
      const delta = this.#up.readBuffered();
      if (delta === undefined) return undefined;
      const out = this.#accept(delta);
      if (out !== undefined) return out;
    }
  }

  wait(): Promise<boolean> {
    if (this.#ready.length > 0 || (this.#sourceDone && this.#text !== '')) {
      return Promise.resolve(true);
    }
    if (this.#sourceError !== undefined) return this.#rejectOnce();
    if (this.#sourceDone) return Promise.resolve(false);
    if (this.#text === '') return this.#pending ?? this.#up.wait();
    if (performance.now() - this.#since >= this.#delay) {
      this.#ready.push(this.#flush());
      return Promise.resolve(true);
    }
    // Shared: a second next() arriving while the first sleeps must not replace its wake-up.
    this.#sleeping ??= new Promise((resolve) => {
      this.#wake = resolve;
      this.#arm();
      this.#waitSource().then(
        (more) => this.#woken(more),
        () => this.#woken(true),
      );
    });
    return this.#sleeping;
  }

  protected stopped(): void {
    this.#close();
  }

  /** Buffers text; returns what is ready to emit now, if anything. */
  #accept(delta: StreamDelta): StreamDelta | undefined {
    if (delta.type !== 'text' && delta.type !== 'reasoning') {
      if (this.#text === '') return delta;
      this.#ready.push(delta);
      return this.#flush();
    }
    if (this.#text !== '' && delta.type !== this.#kind) {
      const merged = this.#flush();
      this.#start(delta.type, delta.text);
      return merged;
    }
    if (this.#text !== '') {
      this.#text += delta.text;
      return this.#text.length >= this.#min ? this.#flush() : undefined;
    }
    if (delta.text.length >= this.#min) return delta;
    this.#start(delta.type, delta.text);
    return undefined;
  }

  #start(kind: TextKind, text: string): void {
    this.#kind = kind;
    this.#text = text;
    this.#since = performance.now();
  }

  #flush(): StreamDelta {
    const delta: StreamDelta = { type: this.#kind, text: this.#text };
    this.#text = '';
    clearTimeout(this.#timer);
    this.#timer = undefined;
    return delta;
  }

  /** One wait on the source at a time; remembers its end or error for later calls. */
  #waitSource(): Promise<boolean> {
    this.#pending ??= this.#up.wait().then(
      (more) => {
        this.#pending = undefined;
        if (!more) this.#sourceDone = true;
        return more;
      },
      (error: unknown) => {
        this.#pending = undefined;
        this.#sourceDone = true;
        this.#sourceError = error;
        return true;
      },
    );
    return this.#pending;
  }

  #woken(more: boolean): void {
    const wake = this.#wake;
    this.#wake = undefined;
    this.#sleeping = undefined;
    wake?.(more || this.#text !== '' || this.#ready.length > 0);
  }

  #arm(): void {
    if (this.#timer !== undefined) return;
    const wait = Math.max(0, this.#since + this.#delay - performance.now());
    this.#timer = setTimeout(() => this.#onTimer(), wait);
    this.#timer.unref();
  }

  #onTimer(): void {
    this.#timer = undefined;
    if (this.#text === '' || this.#wake === undefined) return;
    this.#ready.push(this.#flush());
    this.#woken(true);
  }

  #rejectOnce(): Promise<never> {
    const error = this.#sourceError;
    this.#sourceError = undefined;
    return Promise.reject(error);
  }

  #close(): void {
    this.#sourceDone = true;
    this.#text = '';
    this.#ready.length = 0;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

/**
 * Coalesces tiny text (and reasoning) deltas into pieces of at least `minChars`
 * characters, so a UI or socket gets fewer, larger writes. Buffered text is emitted when
 * it reaches `minChars`, when `maxDelayMs` passed since its first piece, before any
 * non-text delta (tool calls, usage, finish keep their order), and at the end.
 *
 * @param stream - any delta stream
 * @example
 * ```ts
 * for await (const d of rechunk(decodeOpenAI(body), { minChars: 64, maxDelayMs: 30 })) res.write(…);
 * ```
 */
export function rechunk(stream: AsyncIterable<StreamDelta>, options?: RechunkOptions): DeltaStream {
  checkKeys('rechunk', options, RECHUNK_OPTIONS);
  const min = options?.minChars ?? 32;
  if (!Number.isInteger(min) || min < 1) {
    throw new StreamArgumentError('rechunk: options.minChars must be a positive integer');
  }
  const delay = checkMs(options?.maxDelayMs, 'rechunk: options.maxDelayMs') ?? 50;
  return new Rechunk(new Upstream(stream, 'rechunk'), min, delay);
}
