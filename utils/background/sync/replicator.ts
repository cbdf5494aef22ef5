/**
 * One two-way pass between the library and a CouchDB database: send what the outbox holds, then
 * read the server's changes feed from where the last pass stopped. The server arbitrates: a write
 * based on an old revision is refused (409), the newer copy is fetched and merged
 * (engines/sync/sync-values.ts) and sent again. Documents that other CouchDB replication left in
 * conflict are merged too, the losing revisions removed. Nothing here keeps state of its own:
 * the ledger holds it, in the library's database.
 */
import { t } from '@/utils/i18n/words';
import { checkSyncValue, mergeValues, syncKeyOf, type SyncValue } from '../../engines/sync/sync-values';
import { sealedName, plainName, seal, unseal, type SyncKeys, type Sealed } from './sync-crypto';
import { SyncError, type BulkResult, type CouchClient, type CouchDoc } from './couch-client';
import type { Applied, Arrived, SyncLedger } from './sync-ledger';

/** The document holding how the library is encrypted (salt, check value) or that it is not. */
export const LIBRARY_DOC_ID = 'clearmark-library';
export const SINCE = 'since';
const BATCH = 500;
/** The most one batch sends, in characters of its records (saved copies are tens of KB each). */
const BATCH_CHARS = 8 * 1024 * 1024;
/** Rounds in a row in which the server took nothing, before a pass leaves the rest for the next one. */
const MAX_STALLED_ROUNDS = 20;
/** Pages of the changes feed one pass reads at most (500 each): a feed that never ends cannot hold a pass. */
const MAX_PAGES = 10_000;

/** How records become documents: in the clear, or sealed with the library's keys. */
export interface SyncCodec {
  docIdOf(key: string): Promise<string>;
  encode(docId: string, value: SyncValue): Promise<Record<string, unknown>>;
  /** The record a document holds; null for documents that are not records (the library's own). */
  decode(doc: CouchDoc): Promise<SyncValue | null>;
}

export function plainCodec(): SyncCodec {
  return {
    docIdOf: plainName,
    encode: (_docId, value) => Promise.resolve({ clearmark: 1, value }),
    decode: (doc) =>
      Promise.resolve(doc._id === LIBRARY_DOC_ID || doc._id.startsWith('_') ? null : checked(doc, doc.value)),
  };
}

export function sealedCodec(keys: SyncKeys): SyncCodec {
  return {
    docIdOf: (key) => sealedName(keys, key),
    encode: async (docId, value) => ({ clearmark: 1, sealed: await seal(keys, docId, value) }),
    decode: async (doc) => {
      if (doc._id === LIBRARY_DOC_ID || doc._id.startsWith('_')) return null;
      const sealed = doc.sealed as Sealed | undefined;
      if (!sealed || typeof sealed.iv !== 'string' || typeof sealed.data !== 'string')
        throw new Error('is not sealed with the library’s key');
      let value: unknown;
      try {
        value = await unseal(keys, doc._id, sealed);
      } catch {
        throw new Error('does not open with the library’s key');
      }
      const record = checked(doc, value);
      // The id is part of what was sealed, and must be the record's own: a document moved or swapped is refused.
      if ((await sealedName(keys, syncKeyOf(record))) !== doc._id)
        throw new Error('is filed under another record’s id');
      return record;
    },
  };
}

function checked(doc: CouchDoc, value: unknown): SyncValue {
  const bad = checkSyncValue(value);
  if (bad) throw new Error(`${doc._id} ${bad}`);
  return value as SyncValue;
}

export interface PassReport {
  pushed: number;
  pulled: number;
  applied: Applied[];
  /** Documents on the server that could not be read (not Clearmark's, damaged): left there, untouched. */
  unreadable: Set<string>;
  /** Documents read (so no longer unreadable, if they were). */
  read: Set<string>;
  /** Records the server refused as too large (its `max_document_size`): they stay on this device. */
  tooLarge?: Set<string>;
  /** Records the server took. */
  taken?: Set<string>;
  /** Hears of each batch sent and page of changes applied (the status shows what still waits). */
  progress?: () => void;
  /** True once sync was turned off or the server forgotten: no further request is made. */
  stopped?: () => boolean;
  /** Set by a pull that found the server's feed behind where this device had read it: it started over. */
  restarted?: boolean;
}

/**
 * How far along a changes feed a position is: CouchDB 1 and PouchDB count in numbers, CouchDB 2
 * and later in strings that start with the sum of their shards' counts ("12-g1AAAA…").
 */
export function seqNumber(seq: unknown): number {
  if (typeof seq === 'number') return seq;
  const lead = typeof seq === 'string' ? /^\d+/.exec(seq) : null;
  return lead ? Number(lead[0]) : NaN;
}

export async function push(
  ledger: SyncLedger,
  client: CouchClient,
  codec: SyncCodec,
  report: PassReport,
): Promise<void> {
  // As many batches as the outbox holds; a server that refuses every write of a round, round after
  // round, is left for the next pass (the records stay unsent and are counted as waiting).
  for (let stalled = 0; stalled < MAX_STALLED_ROUNDS && !report.stopped?.();) {
    const unsent = await ledger.unsent(BATCH, BATCH_CHARS);
    if (!unsent.length) return;
    const outgoing = await Promise.all(
      unsent.map(async (u) => {
        const { value } = u;
        const docId = u.state?.docId ?? (await codec.docIdOf(u.entry.key));
        const doc: CouchDoc = {
          _id: docId,
          ...(u.state?.rev ? { _rev: u.state.rev } : {}),
          ...(await codec.encode(docId, value)),
        };
        return { u, docId, value, doc };
      }),
    );
    const results = await sendInParts(
      client,
      outgoing.map((o) => o.doc),
    );
    const byId = new Map(results.map((r) => [r.id, r]));
    const sent: Parameters<SyncLedger['sent']>[0] = [];
    const refused: typeof outgoing = [];
    const tooLarge: typeof outgoing = [];
    for (const o of outgoing) {
      const result = byId.get(o.docId);
      if (result?.rev && !result.error)
        sent.push({ entry: o.u.entry, docId: o.docId, rev: result.rev, value: o.value });
      else if (result?.error === 'conflict') refused.push(o);
      else if (result?.error === 'too_large' || result?.error === 'document_too_large') tooLarge.push(o);
      else
        throw new SyncError(
          'server',
          t('syncChangeRefused', { error: `${result?.error ?? '—'}: ${result?.reason ?? ''}` }),
        );
    }
    await ledger.sent(sent);
    // Too large for this server: kept here, out of the outbox until it changes again.
    await ledger.dropUnsent(tooLarge.map((o) => o.u.entry));
    for (const o of tooLarge) report.tooLarge?.add(o.u.entry.key);
    for (const o of sent) report.taken?.add(o.entry.key);
    report.pushed += sent.length;
    report.progress?.();
    stalled = sent.length || tooLarge.length ? 0 : stalled + 1;
    if (!refused.length) continue;
    // Refused: the server has a newer copy. Merge it in (the records stay unsent, now on its revision).
    const current = await client.getMany(refused.map((o) => o.docId));
    const arrived = await openAll(current, codec, report);
    report.applied.push(await ledger.apply(arrived));
    // A copy that could not be read is written over on its revision; one deleted on the server is written anew.
    const opened = new Set(arrived.map((a) => a.docId));
    const revs = new Map(current.map((d) => [d._id, d._rev ?? null]));
    const rebased = refused
      .filter((o) => !opened.has(o.docId))
      .map((o) => ({ key: o.u.entry.key, docId: o.docId, rev: revs.get(o.docId) ?? null }));
    if (rebased.length) await ledger.rebase(rebased);
  }
}

export async function pull(
  ledger: SyncLedger,
  client: CouchClient,
  codec: SyncCodec,
  report: PassReport,
): Promise<void> {
  let since = await ledger.read<unknown>(SINCE);
  // Two ways to read a page of changes: with the documents (one request; best when most are new
  // here, as in a first sync), or ids and revisions first and then only the documents this library
  // does not have (best when most are its own writes coming back). Each page picks by the last.
  let withDocs = since === undefined;
  // A feed behind where this device had read it started over (a database put back from a copy).
  if (since !== undefined && seqNumber(await client.updateSeq()) < seqNumber(since)) {
    report.restarted = true;
    return;
  }
  for (let pages = 0; pages < MAX_PAGES && !report.stopped?.(); pages++) {
    // A page with its documents too large to read at once (many saved copies) is read as ids, then in parts.
    const page = await client.changes(since ?? 0, { docs: withDocs }).catch((error: unknown) => {
      if (!withDocs || !(error instanceof SyncError) || error.kind !== 'too-large') throw error;
      withDocs = false;
      return client.changes(since ?? 0, { docs: false });
    });
    const live = page.results.filter((r) => !r.deleted);
    const known = await ledger.knownRevisions(live.map((r) => r.id));
    const wanted = live.filter((r) => r.revs.length !== 1 || known.get(r.id) !== r.revs[0]);
    const docs = withDocs
      ? wanted.flatMap((r) => (r.doc ? [r.doc] : []))
      : wanted.length
        ? await getInParts(
            client,
            wanted.map((r) => r.id),
            report,
          )
        : [];
    withDocs = wanted.length > live.length / 2;
    const resolved = await Promise.all(
      docs.map((doc) => (doc._conflicts?.length ? resolveConflicts(client, codec, doc, report) : Promise.resolve(doc))),
    );
    const arrived = await openAll(resolved, codec, report);
    const applied = await ledger.apply(arrived, { name: SINCE, seq: page.lastSeq });
    report.pulled += applied.changed;
    report.applied.push(applied);
    report.progress?.();
    const stuck = JSON.stringify(page.lastSeq) === JSON.stringify(since);
    since = page.lastSeq;
    if (page.results.length < 500 || stuck) return;
  }
}

/**
 * Runs `request` on all of `items`; when the server says the request or its answer is too large
 * (`kind`), runs it on each half instead, down to one item, which `alone` then answers for.
 */
async function inHalves<T, R>(
  items: T[],
  kind: 'too-large' | 'request-too-large',
  request: (part: T[]) => Promise<R[]>,
  alone: (item: T) => R[],
): Promise<R[]> {
  try {
    return await request(items);
  } catch (error) {
    if (!(error instanceof SyncError) || error.kind !== kind) throw error;
    const [only] = items;
    if (items.length === 1 && only !== undefined) return alone(only);
    const half = Math.ceil(items.length / 2);
    return [
      ...(await inHalves(items.slice(0, half), kind, request, alone)),
      ...(await inHalves(items.slice(half), kind, request, alone)),
    ];
  }
}

/** Sends documents, in halves when the server refuses the request as too large; a document too large alone is answered as such. */
function sendInParts(client: CouchClient, docs: CouchDoc[]): Promise<BulkResult[]> {
  return inHalves(
    docs,
    'request-too-large',
    (part) => client.bulkDocs(part),
    (doc) => [{ id: doc._id, error: 'too_large', reason: 'refused as too large' }],
  );
}

/** Documents by id, in halves when the answer is too large to read at once; one too large alone is left on the server, counted unreadable. */
function getInParts(client: CouchClient, ids: string[], report: PassReport): Promise<CouchDoc[]> {
  return inHalves(
    ids,
    'too-large',
    (part) => client.getMany(part),
    (id) => {
      report.unreadable.add(id);
      return [];
    },
  );
}

async function openAll(docs: CouchDoc[], codec: SyncCodec, report: PassReport): Promise<Arrived[]> {
  const opened = await Promise.all(
    docs.map(async (doc): Promise<Arrived | null> => {
      try {
        const value = await codec.decode(doc);
        if (value) report.read.add(doc._id);
        return value && doc._rev ? { docId: doc._id, rev: doc._rev, value } : null;
      } catch {
        report.unreadable.add(doc._id);
        return null;
      }
    }),
  );
  return opened.filter((a): a is Arrived => a !== null);
}

/**
 * A document with conflicting revisions (written by other replication into the same database):
 * every revision merged into the winner, the others removed. Answers the document as it now is.
 */
async function resolveConflicts(
  client: CouchClient,
  codec: SyncCodec,
  doc: CouchDoc,
  report: PassReport,
): Promise<CouchDoc> {
  const losers = await Promise.all((doc._conflicts ?? []).map((rev) => client.getRevision(doc._id, rev)));
  const values = (await openAll([doc, ...losers.filter((d): d is CouchDoc => d !== null)], codec, report)).map(
    (a) => a.value,
  );
  const [first, ...rest] = values;
  if (!first) return doc;
  const merged = rest.reduce((acc, v) => mergeValues(null, acc, v), first);
  const body = await codec.encode(doc._id, merged);
  const [winner] = await client.bulkDocs([
    { _id: doc._id, _rev: doc._rev, ...body },
    ...(doc._conflicts ?? []).map((rev) => ({ _id: doc._id, _rev: rev, _deleted: true })),
  ]);
  return winner?.rev ? { ...body, _id: doc._id, _rev: winner.rev } : doc;
}
