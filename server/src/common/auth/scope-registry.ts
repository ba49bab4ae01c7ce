import { Injectable } from '@nestjs/common';

/** Given a resource id, the materialized path of the area it belongs to, or null when there is no such resource. */
export type ScopeResolver = (id: number) => Promise<string | null>;

/** Features register how to find the area of their resources; the access guard asks here. */
@Injectable()
export class ScopeRegistry {
  private readonly resolvers = new Map<string, ScopeResolver>();

  register(resource: string, resolver: ScopeResolver): void {
    if (this.resolvers.has(resource)) throw new Error(`Scope resolver for "${resource}" registered twice`);
    this.resolvers.set(resource, resolver);
  }

  resolve(resource: string, id: number): Promise<string | null> {
    const resolver = this.resolvers.get(resource);
    if (!resolver) throw new Error(`No scope resolver registered for "${resource}"`);
    return resolver(id);
  }
}
