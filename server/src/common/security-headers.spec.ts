import { createHash } from 'node:crypto';
import { appCspDirectives, inlineScriptHashes } from './security-headers';

const sha = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

describe('security headers', () => {
  it("hashes every inline script of index.html (Taro's rem boot script), skipping external and empty ones", () => {
    const boot = '!function(n){n.document.documentElement.style.fontSize="20px"}(window);';
    const html = `<head><script>${boot}</script><script defer="defer" src="/js/app.js"></script><SCRIPT type="text/javascript">\nvar a=1;\n</SCRIPT><script></script><script>${boot}</script></head>`;
    expect(inlineScriptHashes(html)).toEqual([sha(boot), sha('\nvar a=1;\n')]);
    expect(inlineScriptHashes('<html><body>no scripts</body></html>')).toEqual([]);
  });

  it('builds an app policy with no inline script, no plugins, no framing and the tile hosts for images', () => {
    const d = appCspDirectives({ mapTileHosts: ['https://tiles.example.cn'] }, ["'sha256-abc'"]);
    expect(d['script-src']).toEqual(["'self'", "'sha256-abc'"]);
    expect(d['object-src']).toEqual(["'none'"]);
    expect(d['frame-ancestors']).toEqual(["'none'"]);
    expect(d['base-uri']).toEqual(["'self'"]);
    expect(d['img-src']).toEqual(["'self'", 'data:', 'blob:', 'https://tiles.example.cn']);
  });
});
