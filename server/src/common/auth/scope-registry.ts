import { Injectable } from '@nestjs/common';

/**
 * Given a resource id, the materialized path of the area it belongs to, or null when there is no such resource.
 * A resolver that reads the whole resource anyway may hand it over as `subject`: the guard puts it on the request
 * (see @ScopedResource) so the handler need not read it a second time.
 */
export type ScopeResolver = (id: number) => Promise<string | ScopeHit | null>;
export interface ScopeHit {
  path: string;
  subject: unknown;
}

/** Features register how to find the area of their resources; the access guard asks here. */
@Injectable()
export class ScopeRegistry {
  private readonly resolvers = new Map<string, ScopeResolver>();

  register(resource: string, resolver: ScopeResolver): void {
    if (this.resolvers.has(resource)) throw new Error(`Scope resolver for "${resource}" registered twice`);
    this.resolvers.set(resource, resolver);
  }

  /** Just the area path. */
  async resolvePath(resource: string, id: number): Promise<string | null> {
    const hit = await this.resolve(resource, id);
    return hit === null || typeof hit === 'string' ? hit : hit.path;
  }

  resolve(resource: string, id: number): Promise<string | ScopeHit | null> {
    const resolver = this.resolvers.get(resource);
    if (!resolver) throw new Error(`No scope resolver registered for "${resource}"`);
    return resolver(id);
  }
}
