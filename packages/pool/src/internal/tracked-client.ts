import type { Socket } from 'node:net';
import { type buildConnector, Client, type Dispatcher } from 'undici';

/** One connection of a client: its socket and how many responses it has begun to answer. */
export interface Connection {
  readonly socket: Socket;
  /** Responses whose headers arrived on this socket; above 0, the socket is a reused one. */
  responses: number;
}

/** What a request handler needs to know about the client it was dispatched to. */
export interface ConnectionSource {
  /** The client's current socket, or undefined before the first connect and after it closed. */
  readonly connection: Connection | undefined;
}

/** A handler that wants to know, when it starts, which connection carries it. */
export interface TrackedHandler extends Dispatcher.DispatchHandler {
  trackOn(source: ConnectionSource): void;
}

function isTracked(handler: Dispatcher.DispatchHandler): handler is TrackedHandler {
  return typeof (handler as Partial<TrackedHandler>).trackOn === 'function';
}

/**
 * An undici `Client` that remembers its socket. undici tells a request handler nothing about
 * the socket it is written to, and a system error such as ECONNRESET carries no socket either;
 * but a client has one socket at a time (HTTP/1.1) and writes a request to it synchronously
 * with the handler's `onRequestStart`, so the client's newest connection, read at that moment,
 * is the request's. The pool uses this to tell a stale reused socket from a fresh one.
 */
export class TrackedClient extends Client implements ConnectionSource {
  connection: Connection | undefined;

  constructor(origin: URL, options: Client.Options & { connect: buildConnector.connector }) {
    const connect = options.connect;
    super(origin, {
      ...options,
      connect: (connectOptions, callback) => {
        connect(connectOptions, (error, socket) => {
          if (socket) this.#track(socket);
          (callback as (error: Error | null, socket: Socket | null) => void)(error, socket);
        });
      },
    });
  }

  #track(socket: Socket): void {
    const connection = { socket, responses: 0 };
    this.connection = connection;
    // undici fails a request on an erroring socket before 'close', so requests still see it.
    socket.once('close', () => {
      if (this.connection === connection) this.connection = undefined;
    });
  }

  override dispatch(
    options: Dispatcher.DispatchOptions,
    handler: Dispatcher.DispatchHandler,
  ): boolean {
    if (isTracked(handler)) handler.trackOn(this);
    return super.dispatch(options, handler);
  }
}

/** The `factory` of an undici `Pool` whose clients are {@link TrackedClient}s. */
export function trackedClientFactory(origin: URL, options: object): Dispatcher {
  return new TrackedClient(
    origin,
    options as Client.Options & { connect: buildConnector.connector },
  );
}
