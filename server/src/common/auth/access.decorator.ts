import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@xjy/shared';
import type { AuthContext } from './auth-context';
import type { ScopedResourceKey } from './scope-registry';

export const ACCESS_KEY = 'xjy:access';
export const LOGIN_THROTTLE_KEY = 'xjy:login-throttle';
export const CHECK_IN_THROTTLE_KEY = 'xjy:check-in-throttle';

/**
 * Where the guard finds the resource a staff member acts on, so it can check the resource's area lies in one of
 * their subtrees. `resource` names a resolver registered in ScopeRegistry; `optional` lets list endpoints run
 * without the key (their service narrows results to the caller's scope instead).
 */
export interface ScopeRule {
  resource: ScopedResourceKey;
  from: 'param' | 'query' | 'body';
  key: string;
  optional?: boolean;
}

export type AccessRule = { public: true } | { public?: false; roles: readonly Role[]; scope?: ScopeRule };

export const ANY_USER: readonly Role[] = ['worker', 'staff', 'admin'];
export const STAFF: readonly Role[] = ['staff', 'admin'];
export const ADMIN: readonly Role[] = ['admin'];
/** A department handler (处置部门): only the routes that name this role; everything else staff can do is refused. */
export const DEPARTMENT: readonly Role[] = ['department'];
/** Anyone signed in, department handlers included: their own account, photo upload, messages, one report's detail. */
export const SIGNED_IN: readonly Role[] = [...ANY_USER, 'department'];

/** Every route declares its access; a route without one is refused (fail closed). */
export const Access = (roles: readonly Role[], scope?: ScopeRule) => SetMetadata(ACCESS_KEY, { roles, scope } satisfies AccessRule);
export const Public = () => SetMetadata(ACCESS_KEY, { public: true } satisfies AccessRule);
/** Counts the route against the stricter login limit, per client address. */
export const LoginThrottle = () => SetMetadata(LOGIN_THROTTLE_KEY, true);
/** Counts the route against the per-user check-in attempt limit (instead of the general write limit). */
export const CheckInThrottle = () => SetMetadata(CHECK_IN_THROTTLE_KEY, true);

/**
 * The resource the access guard read to check scope, when its resolver hands it over (undefined otherwise, and
 * for admin, whose scope is not checked). Name the key, `@ScopedResource('report') report?: Scoped<'report'>`, so
 * the parameter's type comes from the same typed map as the rule, and a rule for another resource hands over
 * nothing. A read made just before the handler ran: a handler that must act on current state still re-checks it in
 * its transaction.
 */
export const ScopedResource = createParamDecorator((resource: ScopedResourceKey | undefined, ctx: ExecutionContext): unknown => {
  const request = ctx.switchToHttp().getRequest<{ scopedResource?: unknown; scopedResourceKey?: string }>();
  if (resource !== undefined && request.scopedResourceKey !== resource) return undefined;
  return request.scopedResource;
});

export const CurrentAuth = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthContext => {
  const auth = ctx.switchToHttp().getRequest<{ auth?: AuthContext }>().auth;
  if (!auth) throw new Error('CurrentAuth used on a route that is not authenticated');
  return auth;
});
