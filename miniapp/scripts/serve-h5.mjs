// Serves dist/h5 the way the API server will: static files, index.html for unknown non-/api paths.
// Usage: node scripts/serve-h5.mjs [port]   (no API here: /api answers 502 like a proxy with nothing behind it)
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../dist/h5/', import.meta.url));
const port = Number(process.argv[2] ?? 10087);
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml', '.json': 'application/json' };

createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  if (path.startsWith('/api/')) {
    res.writeHead(502, { 'content-type': 'text/plain' }).end('no API behind this static server');
    return;
  }
  const candidate = normalize(join(root, path));
  const file = candidate.startsWith(root) && existsSync(candidate) && statSync(candidate).isFile() ? candidate : join(root, 'index.html');
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
}).listen(port, '127.0.0.1', () => console.log(`dist/h5 on http://127.0.0.1:${port}/`));
