import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerRequest } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { CHECK_IN_THROTTLE_KEY, LOGIN_THROTTLE_KEY } from './auth/access.decorator';
import type { AuthContext } from './auth/auth-context';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Three limits: "login" per client address on the login routes, "check_in" per user on check-in attempts, and
 * "write" per user (or address) on every other non-read request. Reads are not throttled here.
 */
@Injectable()
export class AppThrottlerGuard extends ThrottlerGuard {
  protected override async handleRequest(props: ThrottlerRequest): Promise<boolean> {
    const request = props.context.switchToHttp().getRequest<FastifyRequest>();
    const targets = [props.context.getHandler(), props.context.getClass()];
    const isLogin = this.reflector.getAllAndOverride<boolean>(LOGIN_THROTTLE_KEY, targets) === true;
    const isCheckIn = this.reflector.getAllAndOverride<boolean>(CHECK_IN_THROTTLE_KEY, targets) === true;
    if (props.throttler.name === 'login' && !isLogin) return true;
    if (props.throttler.name === 'check_in' && !isCheckIn) return true;
    if (props.throttler.name === 'write' && (isLogin || isCheckIn || READ_METHODS.has(request.method))) return true;
    return super.handleRequest(props);
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const auth = req.auth as AuthContext | undefined;
    return auth ? `user:${auth.userId}` : `ip:${String(req.ip)}`;
  }

  /** One budget per caller across all login routes, and one across all writes, not one per route. */
  protected override generateKey(_context: ExecutionContext, suffix: string, name: string): string {
    return `${name}:${suffix}`;
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return context.getType() !== 'http';
  }
}
