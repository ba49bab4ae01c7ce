import { Injectable } from '@nestjs/common';

/**
 * The resources whose area the access guard checks, each with what its resolver hands over to the handler
 * (`undefined` when the resolver gives only the area path). Common knows no feature: each feature adds its keys
 * by declaration merging in its module file, e.g.
 *   declare module '../../common/auth/scope-registry' { interface ScopedResources { report: Report } }
 * so a rule naming an unknown resource, or a resolver handing over the wrong type, fails the typecheck.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface ScopedResources {}

export type ScopedResourceKey = keyof ScopedResources & string;

/** The resource a key's resolver hands over. */
export type Scoped<K extends ScopedResourceKey> = ScopedResources[K];

export interface ScopeHit<T> {
  path: string;
  subject: T;
}

/**
 * Given a resource id, the materialized path of the area it belongs to, or null when there is no such resource.
 * A resolver that reads the whole resource anyway may hand it over as `subject`: the guard puts it on the request
 * (see @ScopedResource) so the handler need not read it a second time.
 */
export type ScopeResolver<T> = (id: number) => Promise<(undefined extends T ? string : never) | ScopeHit<T> | null>;

type AnyResolver = (id: number) => Promise<string | ScopeHit<unknown> | null>;

/** Features register how to find the area of their resources; the access guard asks here. */
@Injectable()
export class ScopeRegistry<M extends object = ScopedResources> {
  private readonly resolvers = new Map<string, AnyResolver>();

  register<K extends keyof M & string>(resource: K, resolver: ScopeResolver<M[K]>): void {
    if (this.resolvers.has(resource)) throw new Error(`Scope resolver for "${resource}" registered twice`);
    this.resolvers.set(resource, resolver as AnyResolver);
  }

  /** Just the area path. */
  async resolvePath(resource: keyof M & string, id: number): Promise<string | null> {
    const hit = await this.resolve(resource, id);
    return hit === null || typeof hit === 'string' ? hit : hit.path;
  }

  resolve<K extends keyof M & string>(resource: K, id: number): Promise<string | ScopeHit<M[K]> | null> {
    const resolver = this.resolvers.get(resource);
    if (!resolver) throw new Error(`No scope resolver registered for "${resource}"`);
    return resolver(id) as Promise<string | ScopeHit<M[K]> | null>;
  }
}
