import type { Plugin } from '@hotpath/protocol';
import type { GatewayConfig } from '../config.ts';
import { RouteTable } from './route-table.ts';
import { Router } from './router.ts';
import { closeUpstreams, createUpstreams } from './upstreams.ts';

declare module '@hotpath/protocol' {
  interface Services {
    /** The gateway's route table, provided by its router plugin. */
    'gateway-routes': RouteTable;
  }
}

/**
 * The gateway's router as a host plugin: its setup opens one provider (a pooled connection) per
 * configured upstream and provides the router as the host's `provider`; the host closes the
 * upstreams when it closes, or when a later plugin's setup fails.
 */
export function routerPlugin(config: GatewayConfig): Plugin {
  return {
    name: 'gateway',
    setup(context) {
      const upstreams = createUpstreams(config);
      context.onClose(() => closeUpstreams(upstreams));
      const routes = new RouteTable(config, upstreams);
      const router = new Router(routes);
      context.provide('provider', router);
      context.provide('gateway-routes', routes);
    },
  };
}
