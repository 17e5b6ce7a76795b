import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

/** Options of {@link startRedisServer}. */
export interface RedisServerOptions {
  /** Executable. @default 'redis-server' */
  readonly command?: string;
  /** Extra command-line arguments, for example `['--maxmemory', '10mb']`. */
  readonly args?: readonly string[];
  /** Milliseconds to wait for "Ready to accept connections". @default 10000 */
  readonly startTimeout?: number;
}

/** A running (or stopped, restartable) `redis-server` on a loopback port. */
export interface RedisServer {
  readonly host: string;
  readonly port: number;
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  /** Stops the server (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port (after `stop()`). */
  start(): Promise<void>;
  /** Same as `stop()`. */
  [Symbol.asyncDispose](): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('no TCP port assigned');
  return address.port;
}

function waitReady(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => finish(new Error(`redis-server not ready after ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) finish();
    };
    const onExit = (code: number | null): void =>
      finish(new Error(`redis-server exited with ${code}:\n${output}`));
    function finish(error?: Error): void {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve();
    }
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}

/** Waits for the server to accept connections, killing it when it does not; then drains its output. */
async function ready(child: ChildProcess, timeoutMs: number): Promise<void> {
  try {
    await waitReady(child, timeoutMs);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  child.stdout?.resume();
  child.stderr?.resume();
}

/**
 * Spawns a real `redis-server` on a free loopback port with persistence off, for tests.
 * Stop it with `stop()` (or `await using`); `start()` brings it back on the same port,
 * so tests can simulate an outage.
 * @example
 * ```ts
 * await using redis = await startRedisServer();
 * const store = new KeyvRedis(redis.url);
 * ```
 */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const host = '127.0.0.1';
  const port = await freePort();
  let child: ChildProcess | undefined;
  const args = [
    '--port',
    String(port),
    '--bind',
    host,
    '--save',
    '',
    '--appendonly',
    'no',
    ...(options.args ?? []),
  ];
  const start = async (): Promise<void> => {
    if (child !== undefined) return;
    const spawned = spawn(options.command ?? 'redis-server', args, {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = spawned;
    spawned.once('exit', () => {
      if (child === spawned) child = undefined;
    });
    await ready(spawned, options.startTimeout ?? 10_000);
  };
  const stop = async (): Promise<void> => {
    const running = child;
    if (running === undefined || running.exitCode !== null) return;
    const exited = once(running, 'exit');
    running.kill('SIGTERM');
    await exited;
  };
  await start();
  return { host, port, url: `redis://${host}:${port}`, stop, start, [Symbol.asyncDispose]: stop };
}
