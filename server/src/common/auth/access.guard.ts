import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { TokenService } from '../../modules/auth/token.service';
import { AuthUserCache } from '../../modules/users/auth-user.cache';
import { AppException, forbidden, notFound, outOfScope } from '../app.exception';
import { ACCESS_KEY, AccessRule, ScopeRule } from './access.decorator';
import { AuthContext, inScope } from './auth-context';
import { ScopeRegistry } from './scope-registry';

type AuthedRequest = FastifyRequest & { auth?: AuthContext };

/**
 * The one guard for every endpoint: who you are (token), what you are (role) and where you may act (scope).
 * A route that declares no access rule is refused, so a forgotten decorator cannot open an endpoint.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly users: AuthUserCache,
    private readonly scopes: ScopeRegistry,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    if (!rule) throw forbidden('This endpoint declares no access rule');
    if (rule.public) {
      await this.authenticate(request, false);
      return true;
    }
    const auth = await this.authenticate(request, true);
    if (!auth) throw new AppException('unauthenticated', 401, '请先登录');
    if (!rule.roles.includes(auth.role)) throw forbidden('Your role may not do this');
    if (rule.scope && auth.role !== 'admin') await this.checkScope(request, auth, rule.scope);
    return true;
  }

  private async authenticate(request: AuthedRequest, required: boolean): Promise<AuthContext | null> {
    const header = request.headers.authorization;
    if (!header) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const userId = match ? this.tokens.verify(match[1]) : null;
    if (userId === null) {
      if (!required) return null;
      throw new AppException('token_invalid', 401, '登录已失效，请重新登录');
    }
    const loaded = await this.users.load(userId);
    if (!loaded) throw new AppException('token_invalid', 401, '登录已失效，请重新登录');
    if (loaded.disabled) throw new AppException('account_disabled', 403, '账号已停用');
    request.auth = loaded.context;
    return loaded.context;
  }

  private async checkScope(request: AuthedRequest, auth: AuthContext, scope: ScopeRule): Promise<void> {
    const source = (scope.from === 'param' ? request.params : scope.from === 'query' ? request.query : request.body) as Record<string, unknown> | undefined;
    const raw = source?.[scope.key];
    if (raw === undefined || raw === null || raw === '') {
      if (scope.optional) return;
      throw new AppException('validation_failed', 400, `${scope.key} is required`, { fields: [{ field: scope.key, message: 'is required' }] });
    }
    const id = Number(raw);
    if (!Number.isInteger(id) || id <= 0) {
      throw new AppException('validation_failed', 400, `${scope.key} must be a positive integer`, { fields: [{ field: scope.key, message: 'must be a positive integer' }] });
    }
    const path = await this.scopes.resolve(scope.resource, id);
    if (path === null) throw notFound(scope.resource);
    if (!inScope(auth, path)) throw outOfScope();
  }
}
