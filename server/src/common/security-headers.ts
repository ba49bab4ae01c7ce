import fastifyHelmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../config/app.config';

/** 'sha256-…' sources for every inline <script> in the H5 index.html, so the app runs without 'unsafe-inline'. */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (/\bsrc\s*=/i.test(m[1]) || !m[2].trim()) continue;
    hashes.push(`'sha256-${createHash('sha256').update(m[2], 'utf8').digest('base64')}'`);
  }
  return [...new Set(hashes)];
}

/**
 * The H5 app's policy: scripts only from this origin (plus the hashes of index.html's own inline scripts, computed
 * from the file served), no plugins, no framing, no <base> rewrites. Styles allow inline because Taro's
 * components inject <style> elements at run time; images come from this origin, data:/blob: (photo previews)
 * and the map tile hosts.
 */
export function appCspDirectives(config: Pick<AppConfig, 'mapTileHosts'>, scriptHashes: string[]): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'", ...scriptHashes],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:', ...config.mapTileHosts],
    'font-src': ["'self'", 'data:'],
    // blob: lets the H5 upload read the photos it picked (Taro's uploadFile fetches the object URL before sending it).
    'connect-src': ["'self'", 'blob:'],
    'worker-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
}

/** Swagger UI loads its own bundle and inline styles and shows images from the spec; it still gets no inline script. */
const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Security headers on every response, errors and 404s included (Helmet runs in onRequest, before any handler):
 * nosniff, no-referrer, frame denial, cross-origin isolation headers, and the CSP above. HSTS is left to the TLS
 * terminator (a proxy in front), which knows whether every subdomain speaks HTTPS.
 */
export async function registerSecurityHeaders(app: NestFastifyApplication, config: AppConfig, docsPrefix: string): Promise<void> {
  const indexFile = join(config.h5Dir, 'index.html');
  const hashes = existsSync(indexFile) ? inlineScriptHashes(readFileSync(indexFile, 'utf8')) : [];
  await app.register(fastifyHelmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: appCspDirectives(config, hashes) },
    referrerPolicy: { policy: 'no-referrer' },
    // The same as frame-ancestors 'none', for browsers that only know the older header.
    xFrameOptions: { action: 'deny' },
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
    // Photos and thumbnails may be shown from another origin of the same site (a CDN name in front of the API).
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
  const docs = `/${docsPrefix}`;
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => {
      const path = request.url.split('?', 1)[0];
      if (path === docs || path.startsWith(`${docs}/`)) reply.raw.setHeader('content-security-policy', DOCS_CSP);
      done();
    });
}
