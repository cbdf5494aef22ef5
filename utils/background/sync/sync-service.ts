/**
 * Sync as the user sees it: set up, on, off, forgotten; a pass soon after every change, a long
 * poll on the server's changes feed while the background runs, retries with backoff when the
 * server is away, and a status in words. It keeps no browser API: the background entrypoint
 * gives it `fetch`, timers, and the means to tell open views what arrived.
 */
import { t, tn } from '@/utils/i18n/words';
import { CouchClient, SyncError } from './couch-client';
import { deriveKeys, KDF_ITERATIONS, newSalt, opensCheck, sealCheck, type Sealed, type SyncKeys } from './sync-crypto';
import {
  LIBRARY_DOC_ID,
  plainCodec,
  pull,
  push,
  sealedCodec,
  SINCE,
  type PassReport,
  type SyncCodec,
} from './replicator';
import type { Applied, SyncLedger } from './sync-ledger';
import { SYNC_SETUP_KEY } from '../storage';
import { CodedError } from '../../shared/result';
import { newId } from '../../shared/new-id';
import type { SyncState, SyncStatus } from '../../shared/protocol';
import { nextState, retryDelay, type SyncEvent } from '../../engines/sync/sync-states';

interface SyncConfig {
  url: string;
  username: string;
  password: string;
  libraryId: string;
  /** The server's library document as this device knows it, to put back if the server loses it. */
  libraryDoc: LibraryDoc;
  encrypted: boolean;
  keys?: SyncKeys;
  enabled: boolean;
  lastSyncedAt: number | null;
}

export interface SyncHooks {
  fetch?: typeof fetch;
  now?: () => number;
  /** What a pass brought: the background tells open pages, popups and the library. */
  arrived?: (applied: Applied[]) => void;
  statusChanged?: (status: SyncStatus) => void;
  /** Whether to long-poll the changes feed (on by default; tests that pass by hand turn it off). */
  listen?: boolean;
  /** How long one request may take before the server counts as unreachable (60 s). */
  requestTimeoutMs?: number;
  /** The biggest answer read from the server at once (64 MB); bigger ones are asked for in parts. */
  maxAnswerBytes?: number;
}

const UNREADABLE = 'unreadable';
const TOO_LARGE = 'too-large';
/** A change is sent this long after it is made (several quick edits go together). */
const SEND_DELAY_MS = 250;
const LONG_POLL_MS = 25_000;
/** The longest wait between two reads of the changes feed that failed. */
const MAX_FEED_WAIT_MS = 60_000;

/** Plain http only to this computer: anywhere else the password and notes would cross the network readable. */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export class SyncService {
  private config: SyncConfig | null = null;
  private state: SyncState = 'off';
  private error: string | undefined;
  private failures = 0;
  private running: Promise<PassReport> | null = null;
  private again = false;
  private sendTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private live: AbortController | null = null;
  private readonly now: () => number;

  constructor(
    private readonly ledger: SyncLedger,
    private readonly hooks: SyncHooks = {},
  ) {
    this.now = hooks.now ?? Date.now;
  }

  /** Reads the saved setup and, when sync is on, starts syncing. */
  async start(): Promise<void> {
    this.config = (await this.ledger.read<SyncConfig>(SYNC_SETUP_KEY)) ?? null;
    if (this.config?.enabled) {
      this.move('turn-on');
      this.wake();
    }
  }

  async status(): Promise<SyncStatus> {
    const c = this.config;
    return {
      state: c?.enabled ? this.state : 'off',
      lastSyncedAt: c?.lastSyncedAt ?? null,
      pending: c ? await this.ledger.pendingCount() : 0,
      ...(this.error && c?.enabled ? { error: this.error } : {}),
      ...(c ? { server: { url: c.url, username: c.username, encrypted: c.encrypted } } : {}),
    };
  }

  /**
   * Sets up sync with a server: checks the address, the account and (for an encrypted library)
   * the passphrase before anything is saved. A library new to the server is sent whole.
   */
  async configure({
    url,
    username,
    password,
    passphrase,
  }: {
    url: string;
    username: string;
    password: string;
    passphrase?: string | undefined;
  }): Promise<SyncStatus> {
    const address = checkAddress(url);
    const client = new CouchClient(
      address,
      username,
      password,
      this.hooks.fetch,
      this.hooks.requestTimeoutMs,
      this.hooks.maxAnswerBytes,
    );
    try {
      await client.open();
      const { doc: libraryDoc, keys } = await openLibrary(client, passphrase || undefined);
      const libraryId = libraryDoc.libraryId;
      const previous = this.config;
      const same =
        previous &&
        previous.url === address &&
        previous.username === username &&
        previous.libraryId === libraryId &&
        previous.encrypted === !!keys;
      const config: SyncConfig = {
        url: address,
        username,
        password,
        libraryId,
        libraryDoc,
        encrypted: !!keys,
        ...(keys ? { keys } : {}),
        enabled: true,
        lastSyncedAt: same ? previous.lastSyncedAt : null,
      };
      this.stopLive();
      if (same) await this.ledger.write(SYNC_SETUP_KEY, config);
      else await this.ledger.beginWith(config);
      this.config = config;
      this.move('set-up');
      this.error = undefined;
      this.failures = 0;
    } catch (error) {
      throw asCoded(error);
    }
    this.wake();
    return this.status();
  }

  /** One complete two-way pass now (after the one running, if any). */
  async syncNow(): Promise<{ pushed: number; pulled: number }> {
    if (!this.config?.enabled) throw new CodedError('rejected', t('syncOffFirst'));
    if (this.running) await this.running.catch(() => undefined);
    try {
      const report = await this.pass();
      return { pushed: report.pushed, pulled: report.pulled };
    } catch (error) {
      throw asCoded(error);
    }
  }

  /** Stops syncing; the library and the setup stay, so it can be turned on again. */
  async turnOff(): Promise<SyncStatus> {
    if (this.config) {
      this.config = { ...this.config, enabled: false };
      await this.ledger.write(SYNC_SETUP_KEY, this.config);
    }
    this.stopAll('turn-off');
    // The pass under way stops at its next request; once this answers, nothing more is sent.
    await this.running?.catch(() => undefined);
    this.error = undefined;
    return this.announceStatus();
  }

  async turnOn(): Promise<SyncStatus> {
    if (!this.config) throw new CodedError('rejected', t('syncSetUpFirst'));
    this.config = { ...this.config, enabled: true };
    await this.ledger.write(SYNC_SETUP_KEY, this.config);
    this.move('turn-on');
    this.wake();
    return this.announceStatus();
  }

  /** Forgets the server: address, account, keys. The library stays as it is. */
  async forget(): Promise<SyncStatus> {
    this.stopAll('forget');
    this.config = null;
    this.error = undefined;
    // The pass under way stops at its next request; once this answers, nothing more is sent.
    await this.running?.catch(() => undefined);
    await this.ledger.forget();
    return this.announceStatus();
  }

  /** A change was made here: send it soon. */
  localChanged(): void {
    if (!this.config?.enabled) return;
    void this.announceStatus();
    clearTimeout(this.sendTimer);
    this.sendTimer = setTimeout(() => void this.pass().catch(() => undefined), SEND_DELAY_MS);
  }

  /** The background woke (started, or its alarm rang): pass now, and listen for changes. */
  wake(): void {
    if (!this.config?.enabled) return;
    void this.pass().catch(() => undefined);
    if (!this.live && this.hooks.listen !== false) void this.listen();
  }

  private codec(config: SyncConfig): SyncCodec {
    return config.keys ? sealedCodec(config.keys) : plainCodec();
  }

  private client(config: SyncConfig): CouchClient {
    return new CouchClient(
      config.url,
      config.username,
      config.password,
      this.hooks.fetch,
      this.hooks.requestTimeoutMs,
      this.hooks.maxAnswerBytes,
    );
  }

  /** One pass at a time; a pass asked for while one runs runs right after it. */
  private pass(): Promise<PassReport> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const run = this.runPass().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        void this.pass().catch(() => undefined);
      }
    });
    this.running = run;
    return run;
  }

  private async runPass(): Promise<PassReport> {
    const config = this.config;
    if (!config?.enabled) throw new CodedError('rejected', t('syncIsOff'));
    clearTimeout(this.retryTimer);
    this.move('pass-start');
    void this.announceStatus();
    const report: PassReport = {
      pushed: 0,
      pulled: 0,
      applied: [],
      unreadable: new Set(),
      read: new Set(),
      tooLarge: new Set(),
      taken: new Set(),
      progress: () => void this.announceStatus(),
      stopped: () => this.config !== config,
    };
    const client = this.client(config);
    const codec = this.codec(config);
    try {
      await this.checkLibrary(client, config);
      await push(this.ledger, client, codec, report);
      await pull(this.ledger, client, codec, report);
      if (report.restarted && this.config === config) {
        // The server's feed started over (a database put back from an older copy): what it lacks
        // cannot be told from here, so everything is offered again and its whole feed read.
        await this.ledger.beginWith(config);
        report.restarted = false;
        await push(this.ledger, client, codec, report);
        await pull(this.ledger, client, codec, report);
      }
      // What the pull merged into unsent changes goes back now.
      if (await this.ledger.pendingCount()) await push(this.ledger, client, codec, report);
      if (this.config !== config) return report;
      config.lastSyncedAt = this.now();
      await this.ledger.write(SYNC_SETUP_KEY, config);
      this.move('pass-done');
      const unreadable = await this.noteUnreadable(report);
      const tooLarge = await this.noteTooLarge(report);
      const problems = [
        unreadable ? tn('syncUnreadableDocs', unreadable) : '',
        tooLarge ? tn('syncTooLargeArticles', tooLarge) : '',
      ].filter(Boolean);
      this.error = problems.length ? problems.join(' ') : undefined;
      this.failures = 0;
      return report;
    } catch (error) {
      if (this.config === config) this.failed(error);
      throw error;
    } finally {
      if (report.applied.some((a) => a.changed)) this.hooks.arrived?.(report.applied);
      void this.announceStatus();
    }
  }

  /** Remembers which records the server refused as too large (until one is taken); answers how many. */
  private async noteTooLarge(report: PassReport): Promise<number> {
    const known = new Set((await this.ledger.read<string[]>(TOO_LARGE)) ?? []);
    const before = known.size;
    for (const key of report.taken ?? []) known.delete(key);
    for (const key of report.tooLarge ?? []) known.add(key);
    if (report.tooLarge?.size || known.size !== before) await this.ledger.write(TOO_LARGE, [...known].slice(0, 10_000));
    return known.size;
  }

  /** Remembers which server documents could not be read (until a readable version arrives); answers how many. */
  private async noteUnreadable(report: PassReport): Promise<number> {
    const known = new Set((await this.ledger.read<string[]>(UNREADABLE)) ?? []);
    for (const id of report.read) known.delete(id);
    for (const id of report.unreadable) known.add(id);
    if (report.read.size || report.unreadable.size) await this.ledger.write(UNREADABLE, [...known].slice(0, 10_000));
    return known.size;
  }

  /**
   * The server still holds this library, in the database this device last synced with. One that
   * lost it (a wiped or re-created database) gets it back: the library document as it was under a
   * new epoch, and every record sent again. A device that finds the epoch changed (another device
   * put the library back) sends everything again and reads the new database's feed from its
   * start: its old feed position means nothing there, and the server may lack its records. One
   * that now holds another library is not written to.
   */
  private async checkLibrary(client: CouchClient, config: SyncConfig): Promise<void> {
    const found = (await client.get(LIBRARY_DOC_ID)) as Unchecked<LibraryDoc> | null;
    if (found && found.libraryId === config.libraryId && found.epoch === config.libraryDoc.epoch) return;
    const doc = found ?? (await putLibrary(client, { ...config.libraryDoc, epoch: newId() }));
    if (doc.libraryId !== config.libraryId) throw new SyncError('setup', t('syncOtherLibrary'));
    config.libraryDoc = libraryBody(doc as LibraryDoc);
    await this.ledger.beginWith(config);
  }

  private failed(error: unknown): void {
    const event = failureEvent(error);
    this.failures++;
    this.move(event);
    this.error = error instanceof Error ? error.message : String(error);
    const delay = retryDelay(this.failures, event, Math.random());
    clearTimeout(this.retryTimer);
    if (delay !== null) this.retryTimer = setTimeout(() => void this.pass().catch(() => undefined), delay);
  }

  /** Every change of state goes through the table (utils/engines/sync/sync-states.ts). */
  private move(event: SyncEvent): void {
    this.state = nextState(this.state, event);
  }

  /** Long-polls the changes feed; whatever arrives starts a pass. */
  private async listen(): Promise<void> {
    const config = this.config;
    if (!config?.enabled) return;
    const controller = new AbortController();
    this.live = controller;
    const client = this.client(config);
    let quiet = 0;
    // A function, not the flags themselves: they change while this waits.
    const stopped = () => controller.signal.aborted || this.config !== config || !config.enabled;
    while (!stopped()) {
      try {
        const since = await this.ledger.read<unknown>(SINCE);
        const page = await client.changes(since ?? 0, { limit: 1, waitMs: LONG_POLL_MS, signal: controller.signal });
        quiet = 0;
        if (page.results.length) await this.pass().catch(() => undefined);
      } catch {
        if (stopped()) break;
        quiet++;
        await new Promise((resolve) => setTimeout(resolve, Math.min(MAX_FEED_WAIT_MS, 1000 * 2 ** quiet)));
      }
    }
    if (this.live === controller) this.live = null;
  }

  private stopLive(): void {
    this.live?.abort();
    this.live = null;
  }

  private stopAll(event: 'turn-off' | 'forget'): void {
    this.again = false;
    this.stopLive();
    clearTimeout(this.sendTimer);
    clearTimeout(this.retryTimer);
    this.move(event);
  }

  private async announceStatus(): Promise<SyncStatus> {
    const status = await this.status();
    this.hooks.statusChanged?.(status);
    return status;
  }
}

/**
 * What a failed pass was, for the table: the server away or failing (tried again), the account
 * refused (may be fixed on the server: tried again, slowly), or what only the user can fix.
 */
function failureEvent(error: unknown): 'pass-failed' | 'pass-refused' | 'pass-needs-user' {
  if (!(error instanceof SyncError) || error.retriable) return 'pass-failed';
  return error.kind === 'passphrase' || error.kind === 'setup' ? 'pass-needs-user' : 'pass-refused';
}

function checkAddress(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new CodedError('rejected', t('syncAddressFull'));
  }
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && LOCAL_HOSTS.has(parsed.hostname))) {
    throw new CodedError('rejected', t('syncAddressHttps'));
  }
  if (parsed.username || parsed.password) throw new CodedError('rejected', t('syncAddressCredentials'));
  const database = parsed.pathname.replace(/\/+$/, '').split('/').pop() ?? '';
  if (!database) throw new CodedError('rejected', t('syncAddressDatabase'));
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}

/** A document as a server answers it: no field is trusted until checked. */
type Unchecked<T> = { [K in keyof T]?: unknown };

interface LibraryDoc {
  _id: string;
  clearmark: 1;
  libraryId: string;
  /** Made anew whenever a device puts the library back on a database that lost it: tells devices the database changed. */
  epoch?: string;
  encryption: 'none' | 'AES-256-GCM';
  kdf?: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string };
  check?: Sealed;
}

/**
 * The library document: read, checked against the passphrase, or made (by the first device to
 * set up sync with this database). Answers the library's id and, when encrypted, its keys.
 */
async function openLibrary(
  client: CouchClient,
  passphrase: string | undefined,
): Promise<{ doc: LibraryDoc; keys?: SyncKeys }> {
  let found = (await client.get(LIBRARY_DOC_ID)) as Unchecked<LibraryDoc> | null;
  if (!found) {
    const made = await makeLibrary(passphrase);
    found = await putLibrary(client, made.doc);
    if (found === made.doc) return made;
  }
  if (found.clearmark !== 1 || typeof found.libraryId !== 'string') throw new SyncError('setup', t('syncNotClearmark'));
  const doc = found as LibraryDoc;
  if (doc.encryption === 'none') {
    if (passphrase) throw new SyncError('passphrase', t('syncNotEncryptedThere'));
    return { doc: libraryBody(doc) };
  }
  if (!passphrase) throw new SyncError('passphrase', t('syncEncryptedThere'));
  const kdf = found.kdf as Unchecked<NonNullable<LibraryDoc['kdf']>> | undefined;
  if (
    !kdf ||
    kdf.name !== 'PBKDF2' ||
    kdf.hash !== 'SHA-256' ||
    typeof kdf.salt !== 'string' ||
    typeof kdf.iterations !== 'number' ||
    !doc.check
  )
    throw new SyncError('setup', t('syncKeysDamaged'));
  // A server cannot talk a device into a weaker key.
  if (!(kdf.iterations >= KDF_ITERATIONS && kdf.iterations <= 10_000_000))
    throw new SyncError('setup', t('syncWeakKey'));
  const keys = await deriveKeys(passphrase, kdf.salt, kdf.iterations);
  if (!(await opensCheck(keys, doc.check))) throw new SyncError('passphrase', t('syncWrongPassphrase'));
  return { doc: libraryBody(doc), keys };
}

/**
 * Writes the library document to a database that has none; answers it, or the one another device
 * wrote at the same moment (which wins).
 */
async function putLibrary(client: CouchClient, doc: LibraryDoc): Promise<Unchecked<LibraryDoc>> {
  const [result] = await client.bulkDocs([doc as unknown as Parameters<CouchClient['bulkDocs']>[0][number]]);
  if (result?.rev) return doc;
  const theirs = (await client.get(LIBRARY_DOC_ID)) as Unchecked<LibraryDoc> | null;
  if (!theirs) throw new SyncError('server', t('syncSettingsNotKept'));
  return theirs;
}

/** The library document without its server revision: what a device keeps to put it back. */
function libraryBody(doc: LibraryDoc): LibraryDoc {
  const { _id, clearmark, libraryId, epoch, encryption, kdf, check } = doc;
  return {
    _id,
    clearmark,
    libraryId,
    ...(epoch ? { epoch } : {}),
    encryption,
    ...(kdf ? { kdf } : {}),
    ...(check ? { check } : {}),
  };
}

async function makeLibrary(passphrase: string | undefined): Promise<{ doc: LibraryDoc; keys?: SyncKeys }> {
  const libraryId = newId();
  const epoch = newId();
  if (!passphrase) return { doc: { _id: LIBRARY_DOC_ID, clearmark: 1, libraryId, epoch, encryption: 'none' } };
  const salt = newSalt();
  const keys = await deriveKeys(passphrase, salt);
  return {
    doc: {
      _id: LIBRARY_DOC_ID,
      clearmark: 1,
      libraryId,
      epoch,
      encryption: 'AES-256-GCM',
      kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: KDF_ITERATIONS, salt },
      check: await sealCheck(keys),
    },
    keys,
  };
}

function asCoded(error: unknown): Error {
  if (error instanceof CodedError) return error;
  if (error instanceof SyncError)
    return new CodedError(
      error.kind === 'passphrase' || error.kind === 'password' || error.kind === 'setup' ? 'rejected' : 'unreachable',
      error.message,
    );
  return error instanceof Error ? error : new Error(String(error));
}
