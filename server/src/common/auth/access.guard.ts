import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ACCESS_KEY, AccessRule } from './access.decorator';
import { AccessPolicy, AuthedRequest } from './access.policy';

/** The one guard for every Nest route: reads the route's @Access rule and asks the access policy. */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly policy: AccessPolicy,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    await this.policy.check(rule, context.switchToHttp().getRequest<AuthedRequest>());
    return true;
  }
}
