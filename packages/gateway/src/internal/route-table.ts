import type { GatewayConfig, UpstreamTarget } from '../config.ts';
import { UnknownModelError } from '../errors.ts';
import type { RouteStep, Upstream } from './upstreams.ts';

/** The gateway's one route table: each served model and its upstreams, in fallback order. */
export class RouteTable {
  readonly #routes = new Map<string, readonly RouteStep[]>();

  constructor(config: GatewayConfig, upstreams: ReadonlyMap<string, Upstream>) {
    for (const [model, route] of Object.entries(config.models)) {
      const list: readonly (string | UpstreamTarget)[] =
        typeof route === 'string' ? [route] : 'upstreams' in route ? route.upstreams : route;
      const steps = list.map((target) => {
        const name = typeof target === 'string' ? target : target.upstream;
        const upstreamModel = typeof target === 'string' ? model : (target.model ?? model);
        // validateConfig checked that every target names an upstream.
        return { upstream: upstreams.get(name) as Upstream, model: upstreamModel };
      });
      this.#routes.set(model, steps);
    }
  }

  /** The route of `model`; the one unknown-model check (a 404 `model_not_found` for clients). */
  steps(model: string): readonly RouteStep[] {
    const steps = this.#routes.get(model);
    if (steps === undefined) throw new UnknownModelError(model);
    return steps;
  }

  /** The routed model names and their first upstream. */
  models(): Array<{ id: string; upstream: string }> {
    return [...this.#routes].map(([id, steps]) => ({ id, upstream: steps[0]!.upstream.name }));
  }
}
