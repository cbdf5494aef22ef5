/**
 * The few CouchDB requests sync needs — database info, `_all_docs`, `_bulk_docs`, `_changes`
 * (normal and long-poll) and one document — over `fetch`, with HTTP basic authentication.
 * Every way a server can fail becomes a `SyncError` whose message a person can act on; a server
 * that answers something that is not CouchDB's JSON is an error too, never a crash.
 */

import { t } from '@/utils/i18n/words';

export type SyncErrorKind =
  | 'password'
  | 'forbidden'
  | 'unreachable'
  | 'server'
  | 'garbage'
  | 'missing'
  | 'passphrase'
  | 'setup'
  | 'too-large'
  | 'request-too-large';

export class SyncError extends Error {
  constructor(
    readonly kind: SyncErrorKind,
    message: string,
  ) {
    super(message);
  }

  /** Whether trying again later may work (the server is down or busy), rather than needing the user. */
  get retriable(): boolean {
    return (
      this.kind === 'unreachable' || this.kind === 'server' || this.kind === 'garbage' || this.kind === 'too-large'
    );
  }
}

export interface CouchDoc {
  _id: string;
  _rev?: string | undefined;
  _deleted?: boolean;
  _conflicts?: string[];
  [field: string]: unknown;
}

export interface ChangesPage {
  /** `revs`: the document's leaf revisions, the winner first (more than one: it is in conflict). */
  results: { id: string; seq: unknown; revs: string[]; doc?: CouchDoc; deleted?: boolean }[];
  lastSeq: unknown;
}

export type BulkResult = { id: string; rev?: string; error?: string; reason?: string };

const REQUEST_TIMEOUT_MS = 60_000;
/**
 * Biggest answer read: a changes page of 500 encrypted highlights is a few hundred KB; saved
 * copies make pages bigger, and a page over this is asked for again in smaller parts.
 */
const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

export class CouchClient {
  readonly host: string;
  private readonly base: string;
  private readonly authorization: string;

  constructor(
    databaseUrl: string,
    username: string,
    password: string,
    private readonly fetchImpl: typeof fetch = (...args) => fetch(...args),
    private readonly timeoutMs: number = REQUEST_TIMEOUT_MS,
    private readonly maxAnswerBytes: number = MAX_ANSWER_BYTES,
  ) {
    const url = new URL(databaseUrl);
    this.host = url.host;
    // A content security policy cannot name an IPv6 address (its source grammar has no IPv6
    // literals; Chromium and Firefox both refuse `http://[::1]:*`), so a server on IPv6 loopback
    // is reached as localhost, which both browsers resolve to ::1 too.
    if (url.hostname === '[::1]') url.hostname = 'localhost';
    this.base = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
    const bytes = new TextEncoder().encode(`${username}:${password}`);
    this.authorization = `Basic ${btoa(String.fromCharCode(...bytes))}`;
  }

  /** The database's info; creates it when missing and the account may (CouchDB lets only admins). */
  async open(): Promise<void> {
    try {
      await this.request('GET', '');
    } catch (error) {
      if (!(error instanceof SyncError) || error.kind !== 'missing') throw error;
      await this.request('PUT', '').catch((e: unknown) => {
        throw e instanceof SyncError && (e.kind === 'forbidden' || e.kind === 'password')
          ? new SyncError('missing', t('couchNoDatabaseCreate', { host: this.host, database: this.databaseName }))
          : e;
      });
    }
  }

  /** How far the database's changes feed has come (`update_seq` of its info). */
  async updateSeq(): Promise<unknown> {
    const info = await this.request('GET', '');
    return info && typeof info === 'object' ? (info as { update_seq?: unknown }).update_seq : undefined;
  }

  get databaseName(): string {
    return decodeURIComponent(new URL(this.base).pathname.split('/').pop() ?? '');
  }

  /** One document, or null when there is none. */
  async get(id: string): Promise<CouchDoc | null> {
    try {
      return asDoc(await this.request('GET', `/${encodeURIComponent(id)}`));
    } catch (error) {
      if (error instanceof SyncError && error.kind === 'missing') return null;
      throw error;
    }
  }

  /** One revision of a document (a conflicting one), or null when it is gone. */
  async getRevision(id: string, rev: string): Promise<CouchDoc | null> {
    try {
      return asDoc(await this.request('GET', `/${encodeURIComponent(id)}?rev=${encodeURIComponent(rev)}`));
    } catch (error) {
      if (error instanceof SyncError && error.kind === 'missing') return null;
      throw error;
    }
  }

  /** The current documents with these ids (missing ones left out), with their conflicts listed. */
  async getMany(ids: string[]): Promise<CouchDoc[]> {
    const answer = await this.request('POST', '/_all_docs?include_docs=true&conflicts=true', { keys: ids });
    const rows = field(answer, 'rows');
    if (!Array.isArray(rows)) throw this.garbage();
    return rows.flatMap((row: unknown) => {
      const doc = row && typeof row === 'object' ? (row as { doc?: unknown }).doc : undefined;
      return doc ? [asDoc(doc)] : [];
    });
  }

  async bulkDocs(docs: CouchDoc[]): Promise<BulkResult[]> {
    const answer = await this.request('POST', '/_bulk_docs', { docs });
    if (!Array.isArray(answer)) throw this.garbage();
    return answer.map((r: unknown) => {
      if (!r || typeof r !== 'object' || typeof (r as BulkResult).id !== 'string') throw this.garbage();
      return r as BulkResult;
    });
  }

  /**
   * Changes after `since`, with each document's leaf revisions (and, with `docs`, the documents);
   * `waitMs` makes it a long poll that answers when something changes.
   */
  async changes(
    since: unknown,
    {
      limit = 500,
      waitMs = 0,
      docs = false,
      signal,
    }: { limit?: number; waitMs?: number; docs?: boolean; signal?: AbortSignal } = {},
  ): Promise<ChangesPage> {
    const query = new URLSearchParams({
      style: 'all_docs',
      limit: String(limit),
      since: typeof since === 'string' ? since : JSON.stringify(since ?? 0),
    });
    if (docs) {
      query.set('include_docs', 'true');
      query.set('conflicts', 'true');
    }
    if (waitMs) {
      query.set('feed', 'longpoll');
      query.set('timeout', String(waitMs));
    }
    const answer = await this.request('GET', `/_changes?${query}`, undefined, {
      signal,
      timeoutMs: waitMs + this.timeoutMs,
    });
    const results = field(answer, 'results');
    if (!Array.isArray(results)) throw this.garbage();
    return {
      results: results.flatMap((r: unknown) => {
        if (!r || typeof r !== 'object' || typeof (r as { id?: unknown }).id !== 'string') return [];
        const row = r as { id: string; seq: unknown; doc?: unknown; deleted?: unknown; changes?: unknown };
        const revs = Array.isArray(row.changes)
          ? row.changes.flatMap((c: unknown) =>
              c && typeof (c as { rev?: unknown }).rev === 'string' ? [(c as { rev: string }).rev] : [],
            )
          : [];
        return [
          {
            id: row.id,
            seq: row.seq,
            revs,
            deleted: row.deleted === true,
            ...(row.doc && typeof row.doc === 'object' ? { doc: asDoc(row.doc) } : {}),
          },
        ];
      }),
      lastSeq: field(answer, 'last_seq'),
    };
  }

  private garbage(): SyncError {
    return new SyncError('garbage', t('couchGarbage', { host: this.host }));
  }

  private async request(
    method: string,
    path: string,
    body?: unknown,
    { signal, timeoutMs = this.timeoutMs }: { signal?: AbortSignal | undefined; timeoutMs?: number } = {},
  ): Promise<unknown> {
    const timeout = AbortSignal.timeout(timeoutMs);
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.base}${path}`, {
        method,
        headers: {
          Authorization: this.authorization,
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? null : JSON.stringify(body),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        credentials: 'omit',
        cache: 'no-store',
        redirect: 'error',
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new SyncError('unreachable', t(timeout.aborted ? 'couchTimeout' : 'couchUnreachable', { host: this.host }));
    }
    let text: string;
    try {
      text = await readCapped(response, this.maxAnswerBytes);
    } catch (error) {
      if (signal?.aborted) throw error;
      if (error instanceof Error && error.message === TOO_LARGE)
        throw new SyncError('too-large', t('couchAnswerTooLarge', { host: this.host }));
      throw new SyncError('unreachable', t('couchBroke', { host: this.host }));
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (response.status === 413)
      throw new SyncError('request-too-large', t('couchRequestTooLarge', { host: this.host }));
    if (response.status === 401) throw new SyncError('password', t('couchPassword', { host: this.host }));
    if (response.status === 403)
      throw new SyncError('forbidden', t('couchForbidden', { host: this.host, database: this.databaseName }));
    if (response.status === 404 && method !== 'POST')
      throw new SyncError('missing', t('couchNoDatabase', { host: this.host, database: this.databaseName }));
    if (response.status >= 500)
      throw new SyncError('server', t('couchServerError', { host: this.host, status: String(response.status) }));
    if (!response.ok || json === undefined) throw this.garbage();
    return json;
  }
}

const TOO_LARGE = 'too large';

async function readCapped(response: Response, limit: number): Promise<string> {
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > limit) {
    await response.body?.cancel().catch(() => undefined);
    throw new Error(TOO_LARGE);
  }
  const text = await response.text();
  if (text.length > limit) throw new Error(TOO_LARGE);
  return text;
}

function field(value: unknown, name: string): unknown {
  return value && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined;
}

function asDoc(value: unknown): CouchDoc {
  if (!value || typeof value !== 'object' || typeof (value as CouchDoc)._id !== 'string') {
    throw new SyncError('garbage', t('couchNoId'));
  }
  return value as CouchDoc;
}
