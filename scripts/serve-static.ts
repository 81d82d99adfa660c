// A static file server on 127.0.0.1 for the demo and the browser tests. Paths under /wrong-mime/
// are the same files, with .wasm served as application/octet-stream as a misconfigured server would.
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json', '.wasm': 'application/wasm', '.css': 'text/css', '.csv': 'text/csv', '.png': 'image/png',
  '.map': 'application/json', '.svg': 'image/svg+xml',
};

/** A running server: its base URL, the (path, content-type) of each .wasm it sent, and close(). */
export interface StaticServer { url: string; wasmServed: { path: string; type: string }[]; close(): Promise<void> }

/** Serves `root` on a free port of 127.0.0.1. */
export function serveStatic(root: string, port = 0): Promise<StaticServer> {
  const wasmServed: StaticServer['wasmServed'] = [];
  const server: Server = createServer(async (req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const wrongMime = pathname.startsWith('/wrong-mime/');
    const relative = normalize(wrongMime ? pathname.slice('/wrong-mime'.length) : pathname).replace(/^(\.\.[/\\])+/, '');
    const file = join(root, relative.endsWith('/') ? `${relative}index.html` : relative);
    try {
      const body = await readFile(file);
      let type = TYPES[extname(file)] ?? 'application/octet-stream';
      if (extname(file) === '.wasm') {
        if (wrongMime) type = 'application/octet-stream';
        wasmServed.push({ path: pathname, type });
      }
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${pathname}`);
    }
  });
  return new Promise((resolveServer, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      resolveServer({
        url: `http://127.0.0.1:${actual}`, wasmServed,
        close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
      });
    });
  });
}
