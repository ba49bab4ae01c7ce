import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Role } from '@xjy/shared';
import { APP_CONFIG, AppConfig } from '../../config/app.config';

interface TokenPayload {
  sub: number;
  role: Role;
}

@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  issue(userId: number, role: Role): { token: string; expiresAt: string } {
    const token = this.jwt.sign({ sub: userId, role } satisfies TokenPayload, { secret: this.config.jwtSecret, expiresIn: this.config.tokenTtlSeconds, algorithm: 'HS256' });
    return { token, expiresAt: new Date(Date.now() + this.config.tokenTtlSeconds * 1000).toISOString() };
  }

  /** The user id in a valid, unexpired token, or null. */
  verify(token: string): number | null {
    try {
      const payload = this.jwt.verify<TokenPayload>(token, { secret: this.config.jwtSecret, algorithms: ['HS256'] });
      return Number.isInteger(payload.sub) ? payload.sub : null;
    } catch {
      return null;
    }
  }
}
