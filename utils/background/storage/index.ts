/**
 * The library's storage, in rooms: the schema and its upgrades (./schema.ts), the outbox every
 * change writes to (./outbox.ts), settings as stored (./stored-settings.ts), what an import does
 * (./import-plan.ts, pure), the library's queries and changes (./library.ts), and what sync's
 * ledger may use of it (./sync-storage.ts).
 */
export { Library, diskFull, isClosedConnection, type NewHighlight } from './library';
export {
  DB_NAME,
  DB_VERSION,
  openDatabase,
  type V1Highlight,
  type Db,
  type ClearmarkSchema,
  type SavedArticleMeta,
  type OutboxEntry,
  type SyncDocState,
} from './schema';
export { planImport, type ImportCounts, type ImportContext, type ImportPlan, type ImportRecords } from './import-plan';
export type { SyncStorage } from './sync-storage';
export { SYNC_SETUP_KEY } from './outbox';
export { deleteCopy, putCopy, wholeCopy } from './copy-records';
