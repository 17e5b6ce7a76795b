import type { RouteStep } from './upstreams.ts';

declare module '@hotpath/protocol' {
  interface CallLocals {
    /**
     * Written by the gateway's router: ms from sending a call upstream to its answer (a stream:
     * to its first delta), retries and fallbacks included. Unset when no upstream call was made.
     */
    gatewayUpstreamMs?: number;
    /** Seeded by the gateway's HTTP handler: the route it already resolved for the call's model. */
    gatewayRoute?: readonly RouteStep[];
  }
}
