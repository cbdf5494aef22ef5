/**
 * Serves tests/fixtures (and any extra folder) over HTTP on 127.0.0.1, on a free port; files
 * under /shared/ to any origin.
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.pdf': 'application/pdf',
};

export const FIXTURES_DIR = resolve(import.meta.dirname, '../fixtures');

export interface FixtureServer {
  origin: string;
  url(path: string): string;
  /** How many times a path was asked for, since the server started. */
  requests(path: string): number;
  close(): Promise<void>;
}

/** `port` 0 takes any free port; a given one serves an origin again after a server on it stopped. */
export async function startFixtureServer(root: string = FIXTURES_DIR, port = 0): Promise<FixtureServer> {
  const asked = new Map<string, number>();
  // Node ignores what a request handler returns; the handler answers its own failures (a malformed address aside).
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    asked.set(path, (asked.get(path) ?? 0) + 1);
    // Browsers ask every origin for an icon; an empty answer keeps 404s out of the pages' consoles.
    if (path === '/favicon.ico') return void res.writeHead(204).end();
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) return void res.writeHead(403).end();
    try {
      let body: Buffer;
      try {
        if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
        body = await readFile(file);
      } catch {
        // Saved real pages are kept gzipped: /x.html is served from x.html.gz.
        body = gunzipSync(await readFile(`${file}.gz`));
      }
      const headers: Record<string, string> = {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      };
      // Saved real pages were captured with JavaScript off; they are shown that way (extension
      // content scripts are not subject to a page's policy).
      if (path.startsWith('/corpus/')) headers['content-security-policy'] = "script-src 'none'";
      // Files under /shared/ are offered to every origin (CORS), as many file hosts do.
      if (path.startsWith('/shared/')) headers['access-control-allow-origin'] = '*';
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('fixture server has no port');
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    origin,
    url: (path) => new URL(path, origin).href,
    requests: (path) => asked.get(path) ?? 0,
    // Open keep-alive connections are closed too: a stopped server answers no one (the network is off).
    close: () =>
      new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
