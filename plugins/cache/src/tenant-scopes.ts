import type { CallContext } from '@hotpath/protocol';
import { tenantScope } from './scope.ts';

/**
 * The tenant scopes of a plugin's calls. A frozen `ctx.headers` object cannot change its
 * credential, so its scope is computed once and remembered, weakly, for the next call that passes
 * the same object (the gateway passes one per keep-alive connection and credential). Any other
 * headers object is hashed on every call. Only hashes are remembered, never a credential.
 */
export class TenantScopes {
  readonly #known = new WeakMap<object, string>();

  /** The scope of a call, as {@link tenantScope} computes it. */
  of(context: CallContext): string {
    const headers = context.headers;
    if (headers === undefined || !Object.isFrozen(headers)) return tenantScope(context);
    let scope = this.#known.get(headers);
    if (scope === undefined) {
      scope = tenantScope(context);
      this.#known.set(headers, scope);
    }
    return scope;
  }
}
