/**
 * A CouchDB-compatible sync server for tests and benchmarks: `pouchdb-server` on 127.0.0.1 on a
 * free port, in memory (or in a folder, for a restart that keeps the data), with an admin account
 * — never "admin party" — and a database only its one member may read or write.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve(import.meta.dirname, '../node_modules/.bin/pouchdb-server');
export const ADMIN = { username: 'admin', password: 'admin-secret' };
export const MEMBER = { username: 'reader', password: 'reader-password' };

export interface SyncServer {
  origin: string;
  /** The address of a database the member may use (made on first call for each name). */
  database(name?: string): Promise<string>;
  /**
   * Writes documents straight into a database, as admin (what a hostile or broken server might
   * hold); `newEdits: false` writes given revisions as they are, as CouchDB replication does.
   */
  putRaw(name: string, docs: Record<string, unknown>[], options?: { newEdits?: boolean }): Promise<void>;
  /** One document as admin, with its conflicting revisions listed. */
  rawDoc(name: string, id: string): Promise<Record<string, unknown>>;
  /** Deletes a database and makes it again, empty (as an operator wiping it would). */
  recreate(name: string): Promise<void>;
  /** Every document of a database as the server stores it, read as admin. */
  rawDocs(name?: string): Promise<Record<string, unknown>[]>;
  /** Stops the server (SIGKILL: as a crash would). */
  kill(): Promise<void>;
  /** Starts it again on the same port; with `keep`, on the same data. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === 'object' ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

const auth = ({ username, password }: { username: string; password: string }) =>
  `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

export async function startSyncServer({ keep = false }: { keep?: boolean } = {}): Promise<SyncServer> {
  const dir = await mkdtemp(join(tmpdir(), 'clearmark-couch-'));
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  await writeFile(
    join(dir, 'config.json'),
    JSON.stringify({
      admins: { [ADMIN.username]: ADMIN.password },
      log: { file: join(dir, 'log.txt'), level: 'error' },
    }),
  );
  const made = new Set<string>();
  let child: ChildProcess | null = null;

  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${origin}${path}`, {
      method,
      headers: { Authorization: auth(ADMIN), 'Content-Type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok && response.status !== 412 && response.status !== 409)
      throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as Record<string, unknown>;
  };

  const launch = async () => {
    const storage = keep ? ['--dir', join(dir, 'data')] : ['--in-memory'];
    if (keep) await mkdir(join(dir, 'data'), { recursive: true });
    child = spawn(
      BIN,
      [...storage, '--host', '127.0.0.1', '--port', String(port), '--config', join(dir, 'config.json')],
      { cwd: dir, stdio: 'ignore' },
    );
    // Generous: a busy 2-core machine may take a while to start node.
    const until = Date.now() + 60_000;
    for (;;) {
      try {
        if ((await fetch(`${origin}/`)).ok) break;
      } catch {
        /* not listening yet */
      }
      if (Date.now() > until) throw new Error('pouchdb-server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    await admin('PUT', `/_users/org.couchdb.user:${MEMBER.username}`, {
      name: MEMBER.username,
      password: MEMBER.password,
      roles: [],
      type: 'user',
    });
  };
  await launch();

  const server: SyncServer = {
    origin,
    async database(name = 'clearmark') {
      if (!made.has(name)) {
        await admin('PUT', `/${name}`);
        await admin('PUT', `/${name}/_security`, {
          admins: { names: [], roles: [] },
          members: { names: [MEMBER.username], roles: [] },
        });
        made.add(name);
      }
      return `${origin}/${name}`;
    },
    async putRaw(name, docs, { newEdits = true } = {}) {
      await admin('POST', `/${name}/_bulk_docs`, { docs, ...(newEdits ? {} : { new_edits: false }) });
    },
    async rawDoc(name, id) {
      return admin('GET', `/${name}/${encodeURIComponent(id)}?conflicts=true`);
    },
    async recreate(name) {
      await admin('DELETE', `/${name}`);
      made.delete(name);
      await server.database(name);
    },
    async rawDocs(name = 'clearmark') {
      const answer = await admin('GET', `/${name}/_all_docs?include_docs=true`);
      return (answer.rows as { doc: Record<string, unknown> }[]).map((r) => r.doc);
    },
    async kill() {
      const running = child;
      if (!running) return;
      child = null;
      await new Promise<void>((done) => {
        running.once('exit', () => done());
        running.kill('SIGKILL');
      });
    },
    async restart() {
      await server.kill();
      if (!keep) made.clear();
      await launch();
      // An in-memory server starts empty: its databases are made again on first use.
    },
    async close() {
      await server.kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return server;
}

/**
 * A pass-through to the server on another port that can stop at a chosen request: a test holds
 * the `n`th `_bulk_docs` of a sync, kills the server, and the browser's request breaks there —
 * a crash in the middle of a sync, at a known place instead of by luck.
 */
export async function startInterruptingProxy(
  target: string,
  /** Where the proxy listens: '::' for a server on every address, IPv6 loopback included (its origin names [::1]). */
  host = '127.0.0.1',
): Promise<{
  origin: string;
  holdBulkDocs(n: number, then: () => Promise<void>): void;
  bytes: { sent: number; received: number };
  close(): Promise<void>;
}> {
  let hold: { n: number; then: () => Promise<void> } | null = null;
  let bulk = 0;
  // Bytes of request bodies (what clients send) and of answers (what they receive), as they cross.
  const bytes = { sent: 0, received: 0 };
  const proxy = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    // eslint-disable-next-line @typescript-eslint/no-misused-promises -- the handler answers every failure itself
    req.on('end', async () => {
      try {
        if (req.url?.includes('/_bulk_docs') && hold && ++bulk === hold.n) await hold.then();
        const headers = Object.fromEntries(
          Object.entries(req.headers).filter(([k]) => !['host', 'connection', 'content-length'].includes(k)),
        ) as Record<string, string>;
        const answer = await fetch(`${target}${req.url}`, {
          method: req.method ?? 'GET',
          headers,
          body: chunks.length ? Buffer.concat(chunks) : null,
        });
        res.writeHead(
          answer.status,
          Object.fromEntries(
            [...answer.headers].filter(
              ([k]) => !['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(k),
            ),
          ),
        );
        const body = Buffer.from(await answer.arrayBuffer());
        bytes.sent += chunks.reduce((n, c) => n + c.length, 0);
        bytes.received += body.length;
        res.end(body);
      } catch {
        // The server is gone: the connection breaks, as it would.
        res.destroy();
      }
    });
  });
  await new Promise<void>((done) => proxy.listen(0, host, done));
  const address = proxy.address();
  if (!address || typeof address === 'string') throw new Error('proxy has no port');
  return {
    origin: `http://${host === '::' ? '[::1]' : host}:${address.port}`,
    bytes,
    holdBulkDocs(n, then) {
      bulk = 0;
      hold = { n, then };
    },
    close: () =>
      new Promise((done) => {
        // Long polls stay open: end them, or closing waits for them.
        proxy.close(() => done());
        proxy.closeAllConnections();
      }),
  };
}
