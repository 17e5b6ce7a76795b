import { EventTooLargeError } from '../errors.ts';

/** Receives one dispatched event: its data (lines joined by `\n`) and its type. */
export type SseEventHandler = (data: string, type: string) => void;

const LF = 10;
const CR = 13;
const COLON = 58;
const SPACE = 32;
const TAB = 9;
/**
 * How much longer than `maxEventSize` one SSE line may be: the `data: ` in front of a value
 * of the largest allowed size. Lines are bounded by this whether they arrive whole or in
 * pieces, so where the body happens to be split never changes the outcome.
 */
const FIELD_PREFIX = 6;

/**
 * Incremental parser of the WHATWG `text/event-stream` format over decoded text.
 * Lines end at CRLF, LF or CR (a CR at the end of one piece and an LF at the start
 * of the next count as one line end). Lines are sliced out of each piece with
 * `indexOf`, never re-scanned; a line split across pieces is kept as a list of parts
 * until its end arrives, so even 1-character pieces cost linear time.
 */
export class SseParser {
  /** The last event ID buffer (persists across events, as the spec says). */
  lastEventId = '';
  /** The last valid `retry:` value in milliseconds. */
  retry: number | undefined;
  readonly #onEvent: SseEventHandler;
  readonly #max: number;
  #data = '';
  #hasData = false;
  #type = '';
  #tail: string[] = [];
  #tailLength = 0;
  #skipLF = false;

  /**
   * @param onEvent - called once per dispatched event
   * @param maxEventSize - largest event data, in characters; a line may be
   *   `data: `.length longer
   */
  constructor(onEvent: SseEventHandler, maxEventSize: number) {
    this.#onEvent = onEvent;
    this.#max = maxEventSize;
  }

  /** Feeds the next piece of decoded text. Throws {@link EventTooLargeError}. */
  push(text: string): void {
    const len = text.length;
    if (len === 0) return;
    let pos = 0;
    if (this.#skipLF) {
      this.#skipLF = false;
      if (text.charCodeAt(0) === LF) pos = 1;
    }
    let cr = text.indexOf('\r', pos);
    while (pos < len) {
      if (cr !== -1 && cr < pos) cr = text.indexOf('\r', pos);
      const lf = text.indexOf('\n', pos);
      let end: number;
      let next: number;
      if (cr !== -1 && (lf === -1 || cr < lf)) {
        end = cr;
        next = cr + 1;
        if (next === len) this.#skipLF = true;
        else if (text.charCodeAt(next) === LF) next++;
      } else if (lf !== -1) {
        end = lf;
        next = lf + 1;
      } else {
        this.#keep(pos === 0 ? text : text.slice(pos));
        return;
      }
      if (this.#tailLength > 0) this.#line(this.#takeTail(text.slice(pos, end)));
      else this.#lineIn(text, pos, end);
      pos = next;
    }
  }

  /** Ends the input: an event without its closing blank line is discarded, per the spec. */
  end(): boolean {
    const pending = this.#hasData || this.#tailLength > 0;
    this.#data = '';
    this.#hasData = false;
    this.#type = '';
    this.#tail = [];
    this.#tailLength = 0;
    return pending;
  }

  #keep(part: string): void {
    this.#tail.push(part);
    this.#tailLength += part.length;
    if (this.#tailLength > this.#max + FIELD_PREFIX) throw new EventTooLargeError(this.#max);
  }

  #takeTail(last: string): string {
    this.#tail.push(last);
    const line = this.#tail.join('');
    this.#tail = [];
    this.#tailLength = 0;
    return line;
  }

  #line(line: string): void {
    this.#lineIn(line, 0, line.length);
  }

  #lineIn(text: string, start: number, end: number): void {
    if (start === end) {
      this.#dispatch();
      return;
    }
    if (end - start > this.#max + FIELD_PREFIX) throw new EventTooLargeError(this.#max);
    const first = text.charCodeAt(start);
    if (first === COLON) return;
    if (
      first === 100 &&
      end - start >= 5 &&
      text.charCodeAt(start + 4) === COLON &&
      text.charCodeAt(start + 1) === 97 &&
      text.charCodeAt(start + 2) === 116 &&
      text.charCodeAt(start + 3) === 97
    ) {
      const from = text.charCodeAt(start + 5) === SPACE && start + 5 < end ? start + 6 : start + 5;
      this.#appendData(text.slice(from, end));
      return;
    }
    this.#otherField(text, start, end);
  }

  #otherField(text: string, start: number, end: number): void {
    let colon = start;
    while (colon < end && text.charCodeAt(colon) !== COLON) colon++;
    const name = text.slice(start, colon);
    let from = colon + 1;
    if (from < end && text.charCodeAt(from) === SPACE) from++;
    const value = colon < end ? text.slice(from, end) : '';
    if (name === 'data') this.#appendData(value);
    else if (name === 'event') this.#type = value;
    else if (name === 'id') {
      if (!value.includes('\0')) this.lastEventId = value;
    } else if (name === 'retry' && /^[0-9]+$/.test(value)) this.retry = Number(value);
  }

  #appendData(value: string): void {
    if (this.#hasData) {
      if (this.#data.length + 1 + value.length > this.#max) throw new EventTooLargeError(this.#max);
      this.#data += `\n${value}`;
    } else {
      if (value.length > this.#max) throw new EventTooLargeError(this.#max);
      this.#data = value;
      this.#hasData = true;
    }
  }

  #dispatch(): void {
    if (!this.#hasData) {
      this.#type = '';
      return;
    }
    const data = this.#data;
    const type = this.#type === '' ? 'message' : this.#type;
    this.#data = '';
    this.#hasData = false;
    this.#type = '';
    this.#onEvent(data, type);
  }
}

/**
 * True when `line` holds only JSON's white space (space, tab, CR), so it is a blank line.
 * Not `trim()`: that also drops U+00A0, U+FEFF, U+2028 … which are not JSON, and a line of
 * them must fail as malformed instead of vanishing.
 */
function isJsonSpace(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code !== SPACE && code !== TAB && code !== CR) return false;
  }
  return true;
}

/** Incremental NDJSON line splitter: one callback per non-blank line (a trailing CR is removed). */
export class LineSplitter {
  readonly #onLine: (line: string) => void;
  readonly #max: number;
  #tail: string[] = [];
  #tailLength = 0;

  /**
   * @param onLine - called with each non-blank line
   * @param maxLineSize - longest line, in characters
   */
  constructor(onLine: (line: string) => void, maxLineSize: number) {
    this.#onLine = onLine;
    this.#max = maxLineSize;
  }

  /** Feeds the next piece of decoded text. Throws {@link EventTooLargeError}. */
  push(text: string): void {
    let pos = 0;
    for (;;) {
      const lf = text.indexOf('\n', pos);
      if (lf === -1) break;
      let line = text.slice(pos, lf);
      if (this.#tailLength > 0) {
        this.#tail.push(line);
        line = this.#tail.join('');
        this.#tail = [];
        this.#tailLength = 0;
      }
      this.#emit(line);
      pos = lf + 1;
    }
    if (pos < text.length) this.#keep(pos === 0 ? text : text.slice(pos));
  }

  /** Ends the input, emitting a last line that had no newline. */
  end(): void {
    if (this.#tailLength === 0) return;
    const line = this.#tail.join('');
    this.#tail = [];
    this.#tailLength = 0;
    this.#emit(line);
  }

  #keep(part: string): void {
    this.#tail.push(part);
    this.#tailLength += part.length;
    // One more than the limit: the kept part may end with the CR of a CRLF split after it.
    if (this.#tailLength > this.#max + 1) throw new EventTooLargeError(this.#max);
  }

  #emit(line: string): void {
    const end = line.charCodeAt(line.length - 1) === CR ? line.length - 1 : line.length;
    if (end > this.#max) throw new EventTooLargeError(this.#max);
    const text = end === line.length ? line : line.slice(0, end);
    if (!isJsonSpace(text)) this.#onLine(text);
  }
}
