/** A file name carrying its content hash (`app.5fbaa7be.js`, `9361.89179773.css`, maybe with `.br`/`.gz` after it). */
const HASHED = /\.[0-9a-f]{8,}\.[a-z0-9]+(\.(br|gz))?$/i;

/**
 * Cache policy of the H5 files: content-hashed bundles never change, so browsers keep them a year without asking
 * again; index.html (which names the current bundles) is revalidated on every load; anything else (unhashed
 * assets) for an hour. Every file that may be sent compressed varies by Accept-Encoding.
 */
export function staticCacheControl(path: string): string {
  if (/\.html(\.(br|gz))?$/i.test(path)) return 'no-cache';
  if (HASHED.test(path)) return 'public, max-age=31536000, immutable';
  return 'public, max-age=3600';
}

export function setStaticHeaders(res: { setHeader(name: string, value: string): unknown }, path: string): void {
  res.setHeader('cache-control', staticCacheControl(path));
  res.setHeader('vary', 'accept-encoding');
}
