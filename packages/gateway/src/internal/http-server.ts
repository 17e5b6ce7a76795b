import { createServer, type Server } from 'node:http';
import type { GatewayConfig } from '../config.ts';
import { clientErrorListener, rawRefusal } from './client-error.ts';
import type { ConnectionCap } from './connection-cap.ts';
import type { GatewayHandler } from './handler.ts';
import type { LingerOptions } from './linger.ts';

/** The gateway's connection limits and timeouts, with their defaults. */
export interface ServerLimits {
  readonly maxConnections: number;
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  readonly linger: LingerOptions;
}

/** The limits of `config`, defaults filled in. */
export function serverLimits(config: GatewayConfig): ServerLimits {
  return {
    maxConnections: config.maxConnections ?? 1024,
    headersTimeoutMs: config.headersTimeoutMs ?? 10_000,
    requestTimeoutMs: config.requestTimeoutMs ?? 60_000,
    keepAliveTimeoutMs: config.keepAliveTimeoutMs ?? 5_000,
    // nginx's lingering_timeout; enough to take in a 64 MiB upload on a fast link.
    linger: { lingerMs: 5_000, lingerBytes: 64 * 1024 * 1024 },
  };
}

/**
 * The gateway's `node:http` server: the handler, Node's parser errors answered in JSON
 * (`clientError`), `Expect: 100-continue` checked against the body limit (`checkContinue`), any
 * other expectation refused with a 417 (`checkExpectation`), `CONNECT` with a 405,
 * the connection cap, and header, request and keep-alive timeouts.
 */
export function createGatewayServer(
  handler: GatewayHandler,
  connections: ConnectionCap,
  limits: ServerLimits,
): Server {
  // Node only enforces headersTimeout and requestTimeout at each check of its connections:
  // check every second, not every 30 s, so the limits mean what they say.
  const interval = Math.min(1_000, limits.headersTimeoutMs, limits.requestTimeoutMs);
  const server = createServer(
    {
      headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: interval,
      // The handler refuses a missing Host itself, in JSON, instead of Node's empty 400.
      requireHostHeader: false,
    },
    handler.listener,
  );
  server.on('connection', connections.onConnection);
  server.on('checkContinue', handler.checkContinue);
  server.on('clientError', clientErrorListener(limits.linger));
  // Requests Node would otherwise answer with an empty body or a dropped connection.
  server.on('checkExpectation', handler.checkExpectation);
  server.on(
    'connect',
    rawRefusal(405, 'method_not_allowed', 'CONNECT is not served here.', limits.linger),
  );
  return server;
}
