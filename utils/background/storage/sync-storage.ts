/**
 * What sync's ledger (../sync/sync-ledger.ts) may use of the library's storage, named in one
 * interface: the database connection (its transactions keep the library's records and the
 * outbox in step) and the library's own rules for what sync writes into it. Nothing else of the
 * library is the ledger's to reach.
 */
import type { Db } from './schema';
import { withCounts } from './page-counts';
import { highlightKey, markUnsent, pageKey } from './outbox';
import { withDefaults } from './stored-settings';

export interface SyncStorage {
  /** The current connection: the library opens it again after a full disk closed it, so ask each time. */
  connection(): Db;
  /** Notes, in a transaction of the connection, that a record must be sent. */
  markUnsent: typeof markUnsent;
  /** The outbox's keys of a highlight and of a page. */
  highlightKey: typeof highlightKey;
  pageKey: typeof pageKey;
  /** A page record with its highlight count and newest highlight's time, read in that transaction. */
  withCounts: typeof withCounts;
  /** Stored settings completed with the defaults of fields added since. */
  withDefaults: typeof withDefaults;
}

export const syncStorage = (connection: () => Db): SyncStorage => ({
  connection,
  markUnsent,
  highlightKey,
  pageKey,
  withCounts,
  withDefaults,
});
