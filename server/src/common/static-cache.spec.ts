import { staticCacheControl } from './static-cache';

describe('staticCacheControl', () => {
  it('keeps content-hashed bundles a year, compressed copies too', () => {
    for (const path of ['/h5/js/app.5fbaa7be.js', '/h5/js/7097.89c71b6f.js.br', '/h5/css/app.81f66a75.css.gz', '/h5/static/images/tab.1a2b3c4d.png']) {
      expect(staticCacheControl(path)).toBe('public, max-age=31536000, immutable');
    }
  });

  it('revalidates index.html on every load, compressed or not', () => {
    expect(staticCacheControl('/h5/index.html')).toBe('no-cache');
    expect(staticCacheControl('/h5/index.html.br')).toBe('no-cache');
  });

  it('gives unhashed files a short lifetime', () => {
    expect(staticCacheControl('/h5/robots.txt')).toBe('public, max-age=3600');
    expect(staticCacheControl('/h5/js/app.js')).toBe('public, max-age=3600');
  });
});
