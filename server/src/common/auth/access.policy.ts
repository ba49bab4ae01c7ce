import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { constraintMessage } from '@xjy/shared';
import { AppException, fieldError } from '../app.exception';
import { invalidId, parseStrictId } from '../parse-id.pipe';
import type { AccessRule, ScopeRule } from './access.decorator';
import { AccessTokenVerifier, AccessUserLoader } from './access.ports';
import { AuthContext, inScope } from './auth-context';
import { ScopeRegistry } from './scope-registry';

export type AuthedRequest = FastifyRequest & { auth?: AuthContext; scopedResource?: unknown; scopedResourceKey?: string };

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * Who you are (token), what you are (role) and where you may act (scope), for one access rule. The access guard
 * asks it for every Nest route and the fast routes ask it directly, so there is one rule check in the server.
 * A missing rule is refused, so a forgotten decorator cannot open an endpoint.
 */
@Injectable()
export class AccessPolicy {
  constructor(
    private readonly tokens: AccessTokenVerifier,
    private readonly users: AccessUserLoader,
    private readonly scopes: ScopeRegistry,
  ) {}

  /** Resolves when the request may go on (with request.auth set when a valid token came); throws otherwise. */
  async check(rule: AccessRule | undefined, request: AuthedRequest): Promise<AuthContext | null> {
    if (!rule) throw new AppException('forbidden');
    if (rule.public) return this.authenticate(request, false);
    const auth = await this.authenticate(request, true);
    if (!auth) throw new AppException('unauthenticated');
    if (!rule.roles.includes(auth.role)) throw new AppException('forbidden');
    if (rule.scope && auth.role !== 'admin') await this.checkScope(request, auth, rule.scope);
    return auth;
  }

  private async authenticate(request: AuthedRequest, required: boolean): Promise<AuthContext | null> {
    const header = request.headers.authorization;
    if (!header) return null;
    const match = BEARER.exec(header);
    const token = match ? await this.tokens.verify(match[1]) : null;
    if (token === null) {
      if (!required) return null;
      throw new AppException('token_invalid');
    }
    let loaded = await this.users.load(token.userId);
    // A token newer than the cached account was issued after a change this instance has not heard of yet (an
    // enable or re-login through another instance): read the account again instead of refusing a valid session.
    if (loaded && token.version > loaded.tokenVersion) loaded = await this.users.load(token.userId, true);
    // Logout, disable/enable, role, scope or password change moved the version on: this token is revoked. A public
    // route ignores a revoked token (it needs none), so a stale session never blocks the login page or liveness.
    const refusal = !loaded ? 'token_invalid' : loaded.disabled ? 'account_disabled' : loaded.tokenVersion !== token.version ? 'token_invalid' : null;
    if (refusal) {
      if (!required) return null;
      throw new AppException(refusal);
    }
    request.auth = loaded!.context;
    return loaded!.context;
  }

  private async checkScope(request: AuthedRequest, auth: AuthContext, scope: ScopeRule): Promise<void> {
    const source = (scope.from === 'param' ? request.params : scope.from === 'query' ? request.query : request.body) as Record<string, unknown> | undefined;
    const raw = source?.[scope.key];
    if (raw === undefined || raw === null || raw === '') {
      if (scope.optional) return;
      throw fieldError('validation_failed', scope.key, constraintMessage('required', scope.key));
    }
    const id = parseStrictId(raw);
    if (id === null) throw invalidId(scope.key);
    const hit = await this.scopes.resolve(scope.resource, id);
    if (hit === null) throw new AppException('not_found', { resource: scope.resource });
    const path = typeof hit === 'string' ? hit : hit.path;
    if (!inScope(auth, path)) throw new AppException('out_of_scope');
    if (typeof hit !== 'string') {
      request.scopedResource = hit.subject;
      request.scopedResourceKey = scope.resource;
    }
  }
}
