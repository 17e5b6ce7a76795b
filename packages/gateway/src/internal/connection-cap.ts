import type { Socket } from 'node:net';

/**
 * Counts open client connections (lingering ones included: each holds a file descriptor) and
 * marks the ones opened past `max`. A marked connection's request is answered with a 503
 * (`too_many_connections`, `retry-after: 1`) and the connection closed; one that sends nothing
 * is closed after `idleMs`. Unlike `server.maxConnections`, which drops the connection without
 * a word, every client gets an answer it can act on.
 */
export class ConnectionCap {
  readonly #max: number;
  readonly #idleMs: number;
  readonly #over = new WeakSet<Socket>();
  #open = 0;

  /**
   * @param max - connections served at once
   * @param idleMs - how long a connection over the cap may wait to send its request
   */
  constructor(max: number, idleMs: number) {
    this.#max = max;
    this.#idleMs = idleMs;
  }

  /** Open connections. */
  get open(): number {
    return this.#open;
  }

  /** The server's `connection` listener. */
  readonly onConnection = (socket: Socket): void => {
    this.#open++;
    socket.once('close', this.#closed);
    if (this.#open <= this.#max) return;
    this.#over.add(socket);
    socket.setTimeout(this.#idleMs, () => socket.destroy());
  };

  /** True when `socket` was opened past the cap: answer it with a 503 and close it. */
  isOver(socket: Socket): boolean {
    return this.#over.has(socket);
  }

  readonly #closed = (): void => {
    this.#open--;
  };
}
