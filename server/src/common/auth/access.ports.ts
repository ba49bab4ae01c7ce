import type { AuthContext } from './auth-context';

/**
 * What the access policy needs from features, as injection tokens common owns: the auth feature provides the token
 * verifier and the users feature the user loader (`useExisting`), so common depends on no feature module.
 */
export abstract class AccessTokenVerifier {
  /** The user and token version a valid token names, or null. */
  abstract verify(token: string): Promise<{ userId: number; version: number } | null>;
}

export abstract class AccessUserLoader {
  /** The caller's current role and scope, and whether the account is disabled; null for an unknown user. */
  /** `fresh` skips any cached copy (the caller holds proof that it is stale). */
  abstract load(userId: number, fresh?: boolean): Promise<{ context: AuthContext; disabled: boolean; tokenVersion: number } | null>;
}
