import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@xjy/shared';
import type { TokenService } from '../../modules/auth/token.service';
import type { AuthUserCache } from '../../modules/users/auth-user.cache';
import { ACCESS_KEY, AccessRule } from './access.decorator';
import { AccessGuard } from './access.guard';
import { AccessPolicy } from './access.policy';
import { ScopeRegistry, ScopedResourceKey } from './scope-registry';

function contextFor(rule: AccessRule | undefined, request: Record<string, unknown>): ExecutionContext {
  const handler = () => undefined;
  if (rule) Reflect.defineMetadata(ACCESS_KEY, rule, handler);
  return {
    getHandler: () => handler,
    getClass: () => class {},
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

describe(AccessGuard.name, () => {
  const users: Record<number, { role: Role; scopePaths: string[]; disabled?: boolean; tokenVersion?: number }> = {
    1: { role: 'worker', scopePaths: [] },
    8: { role: 'worker', scopePaths: [], tokenVersion: 2 },
    2: { role: 'staff', scopePaths: ['/1/2/'] },
    3: { role: 'admin', scopePaths: [] },
    4: { role: 'staff', scopePaths: ['/1/2/'], disabled: true },
  };
  // Tokens spell "user-<id>" or "user-<id>-v<version>" (version 0 when absent).
  const tokens = {
    verify: async (t: string) => {
      const m = /^user-(\d+)(?:-v(\d+))?$/.exec(t);
      return m ? { userId: Number(m[1]), version: Number(m[2] ?? 0) } : null;
    },
  } as unknown as TokenService;
  const cache = {
    load: async (id: number) => {
      const u = users[id];
      return u ? { context: { userId: id, role: u.role, scopePaths: u.scopePaths, scopeAreaIds: [] }, disabled: Boolean(u.disabled), tokenVersion: u.tokenVersion ?? 0 } : null;
    },
  } as unknown as AuthUserCache;
  // The guard's own resources, not the app's: a registry over a test map, handed to the policy as the app's type.
  const registry = new ScopeRegistry<{ area: undefined; thing: { id: number; name: string } }>();
  registry.register('area', async (id) => ({ 7: '/1/2/7/', 9: '/1/3/9/' })[id] ?? null);
  // A resolver that reads the whole resource hands it over, so the handler does not read it again.
  registry.register('thing', async (id) => ({ 5: { path: '/1/2/5/', subject: { id: 5, name: 'in scope' } }, 6: { path: '/1/3/6/', subject: { id: 6, name: 'outside' } } })[id] ?? null);
  const guard = new AccessGuard(new Reflector(), new AccessPolicy(tokens, cache, registry as unknown as ScopeRegistry));
  const req = (token: string | null, params: Record<string, string> = {}) => ({ headers: token ? { authorization: `Bearer ${token}` } : {}, params, query: {} });
  const scoped: AccessRule = { roles: ['staff', 'admin'], scope: { resource: 'area', from: 'param', key: 'id' } };

  it('refuses a token issued under an older token version (revoked) with 401 token_invalid', async () => {
    const rule: AccessRule = { roles: ['worker', 'staff', 'admin'] };
    for (const stale of ['user-8', 'user-8-v1', 'user-8-v3']) {
      await expect(guard.canActivate(contextFor(rule, req(stale)))).rejects.toMatchObject({ code: 'token_invalid', status: 401 });
    }
    await expect(guard.canActivate(contextFor(rule, req('user-8-v2')))).resolves.toBe(true);
  });

  it('refuses a route that declares no rule', async () => {
    await expect(guard.canActivate(contextFor(undefined, req('user-3')))).rejects.toMatchObject({ code: 'forbidden', status: 403 });
  });

  it('lets anyone through a public route, and never fails it on a bad token', async () => {
    await expect(guard.canActivate(contextFor({ public: true }, req('garbage')))).resolves.toBe(true);
  });

  it('401 without a token, 401 token_invalid for an unknown or unverifiable token', async () => {
    await expect(guard.canActivate(contextFor(scoped, req(null)))).rejects.toMatchObject({ code: 'unauthenticated', status: 401 });
    await expect(guard.canActivate(contextFor(scoped, req('garbage')))).rejects.toMatchObject({ code: 'token_invalid' });
    await expect(guard.canActivate(contextFor(scoped, req('user-99')))).rejects.toMatchObject({ code: 'token_invalid' });
  });

  it('403 for the wrong role and for a disabled account', async () => {
    await expect(guard.canActivate(contextFor(scoped, req('user-1', { id: '7' })))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(guard.canActivate(contextFor(scoped, req('user-4', { id: '7' })))).rejects.toMatchObject({ code: 'account_disabled' });
  });

  it('lets staff act inside their subtree only', async () => {
    await expect(guard.canActivate(contextFor(scoped, req('user-2', { id: '7' })))).resolves.toBe(true);
    await expect(guard.canActivate(contextFor(scoped, req('user-2', { id: '9' })))).rejects.toMatchObject({ code: 'out_of_scope', status: 403 });
  });

  it('404 for a target that does not exist, 400 for a malformed id', async () => {
    await expect(guard.canActivate(contextFor(scoped, req('user-2', { id: '8' })))).rejects.toMatchObject({ status: 404 });
    await expect(guard.canActivate(contextFor(scoped, req('user-2', { id: 'x' })))).rejects.toMatchObject({ status: 400 });
  });

  it('lets admin act anywhere', async () => {
    await expect(guard.canActivate(contextFor(scoped, req('user-3', { id: '9' })))).resolves.toBe(true);
  });

  it('puts the resource a resolver hands over on the request, only when in scope', async () => {
    const thing: AccessRule = { roles: ['staff', 'admin'], scope: { resource: 'thing' as ScopedResourceKey, from: 'param', key: 'id' } };
    const ok: Record<string, unknown> = req('user-2', { id: '5' });
    await expect(guard.canActivate(contextFor(thing, ok))).resolves.toBe(true);
    expect(ok.scopedResource).toEqual({ id: 5, name: 'in scope' });
    const outside: Record<string, unknown> = req('user-2', { id: '6' });
    await expect(guard.canActivate(contextFor(thing, outside))).rejects.toMatchObject({ code: 'out_of_scope' });
    expect(outside.scopedResource).toBeUndefined();
    await expect(guard.canActivate(contextFor(thing, req('user-2', { id: '4' })))).rejects.toMatchObject({ status: 404 });
  });
});
