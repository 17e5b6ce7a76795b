import { connect } from 'node:net';
import { RedisUnavailableError } from '../errors.ts';

/**
 * Resolves once a TCP connection to the Redis server opens; rejects with a
 * {@link RedisUnavailableError} after `timeoutMs`. The Redis clients reconnect forever, so
 * an unreachable server is caught here, before any client exists to linger.
 */
export function probeRedis(url: string, timeoutMs: number): Promise<void> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname.replace(/^\[|\]$/g, ''), port: Number(port || 6379) });
    const timer = setTimeout(
      () => fail(new Error(`no connection after ${timeoutMs} ms`)),
      timeoutMs,
    );
    function fail(cause: unknown): void {
      clearTimeout(timer);
      socket.destroy();
      reject(new RedisUnavailableError(url, { cause }));
    }
    socket.once('error', fail);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.off('error', fail);
      socket.destroy();
      resolve();
    });
  });
}
