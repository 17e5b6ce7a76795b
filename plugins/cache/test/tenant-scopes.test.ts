import { describe, expect, it } from 'vitest';
import { tenantScope } from '../src/scope.ts';
import { TenantScopes } from '../src/tenant-scopes.ts';

const context = (headers?: Record<string, string>) => ({ headers, locals: {} });

describe('TenantScopes', () => {
  it('gives every call the scope tenantScope computes, for frozen and mutable headers alike', () => {
    const scopes = new TenantScopes();
    const frozen = Object.freeze({ authorization: 'Bearer sk-a' });
    const mutable = { authorization: 'Bearer sk-b' };
    for (let i = 0; i < 3; i++) {
      expect(scopes.of(context(frozen))).toBe(tenantScope(context(frozen)));
      expect(scopes.of(context(mutable))).toBe(tenantScope(context(mutable)));
    }
    expect(scopes.of(context())).toBe('');
  });

  it('never answers with a stale scope: a headers object changed between calls gets its new scope', () => {
    const scopes = new TenantScopes();
    const headers: Record<string, string> = { authorization: 'Bearer sk-a' };
    const first = scopes.of(context(headers));
    headers.authorization = 'Bearer sk-b';
    const second = scopes.of(context(headers));
    expect(second).not.toBe(first);
    expect(second).toBe(tenantScope(context({ authorization: 'Bearer sk-b' })));
  });

  it('two frozen headers objects with different credentials never share a scope', () => {
    const scopes = new TenantScopes();
    const a = scopes.of(context(Object.freeze({ authorization: 'Bearer \ud800' })));
    const b = scopes.of(context(Object.freeze({ authorization: 'Bearer \ufffd' })));
    const again = scopes.of(context(Object.freeze({ authorization: 'Bearer \ud800' })));
    expect(a).not.toBe(b);
    expect(again).toBe(a);
  });
});
