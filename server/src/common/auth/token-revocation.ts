import { Injectable } from '@nestjs/common';
import type { ClusterBus } from '../redis/cluster-bus';

/**
 * Tells every instance that a user's sessions changed (token version bumped: logout, disable, role, scope or
 * password change), so cached access state for that user is dropped at once. In one process this is a direct
 * call; with several instances a shared bus (Redis pub/sub, issue 10) implements the same interface. Either way
 * the user cache also expires within a second, so a missed message delays a revocation by at most that.
 */
export interface TokenRevocation {
  publish(userId: number): Promise<void>;
  subscribe(listener: (userId: number) => void): void;
}

export const TOKEN_REVOCATION = Symbol('TOKEN_REVOCATION');

/** The single-instance bus: listeners run synchronously, before publish() resolves. */
@Injectable()
export class InProcessTokenRevocation implements TokenRevocation {
  private readonly listeners: Array<(userId: number) => void> = [];

  publish(userId: number): Promise<void> {
    for (const listener of this.listeners) listener(userId);
    return Promise.resolve();
  }

  subscribe(listener: (userId: number) => void): void {
    this.listeners.push(listener);
  }
}

export const REVOCATION_CHANNEL = 'token-revocation';

/** Revocations over the cluster bus: every instance hears them (in process without Redis). */
export class BusTokenRevocation implements TokenRevocation {
  constructor(private readonly bus: ClusterBus) {}

  publish(userId: number): Promise<void> {
    return this.bus.publish(REVOCATION_CHANNEL, String(userId));
  }

  subscribe(listener: (userId: number) => void): void {
    this.bus.subscribe(REVOCATION_CHANNEL, (message) => {
      const userId = Number(message);
      if (Number.isSafeInteger(userId) && userId > 0) listener(userId);
    });
  }
}
