import { RedisClientMissingError } from '../errors.ts';

/** The part of `@redis/client` the store uses; kept structural so the peer stays optional. */
export interface RedisConnection {
  connect(): Promise<unknown>;
  sendCommand(args: readonly string[]): Promise<unknown>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  close(): Promise<unknown>;
  readonly isReady: boolean;
}

interface RedisModule {
  createClient(options: object): RedisConnection;
}

/** Loads `@redis/client` on first use. */
export async function loadRedis(): Promise<RedisModule> {
  try {
    return (await import('@redis/client')) as unknown as RedisModule;
  } catch (error) {
    throw new RedisClientMissingError(error);
  }
}

/** Client options, and the switch that turns on reconnecting once the first connection is up. */
export interface ConnectionOptions {
  readonly options: object;
  markConnected(): void;
}

/**
 * Commands fail at once while disconnected (no offline queue), the first connection fails
 * instead of retrying forever, and a dropped connection is re-established in the background.
 */
export function connectionOptions(url: string, connectTimeoutMs: number): ConnectionOptions {
  let connected = false;
  const reconnectStrategy = (retries: number, cause: Error): number | Error =>
    connected ? Math.min(50 * 2 ** retries, 2_000) : cause;
  return {
    options: {
      url,
      disableOfflineQueue: true,
      socket: { connectTimeout: connectTimeoutMs, reconnectStrategy },
    },
    markConnected: (): void => {
      connected = true;
    },
  };
}
