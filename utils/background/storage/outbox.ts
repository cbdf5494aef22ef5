/**
 * The outbox: what changed here and is not on the sync server yet. Every change the library makes
 * goes through `markUnsent`, in the change's own transaction, so no change can be lost between the
 * two (sync's ledger reads and empties it: ../sync/sync-ledger.ts).
 */
import { newId } from '../../shared/new-id';
import type { OutboxEntry } from './schema';

interface OutboxStore {
  put(entry: OutboxEntry): Promise<unknown>;
}

/** Notes, in the change's own transaction, that a record must be sent: no change can be lost between the two. */
export function markUnsent(outbox: OutboxStore, key: string, tombstone?: OutboxEntry['tombstone']): Promise<unknown> {
  return outbox.put({ key, token: newId(), ...(tombstone ? { tombstone } : {}) });
}

/**
 * The key sync keeps its set-up under, in the `sync` store. While there is none the outbox is not
 * in use: setting sync up fills it with the whole library (`beginWith` in ../sync/sync-ledger.ts),
 * so a bulk write (an import) may leave it alone meanwhile. Small changes mark it all the same.
 */
export const SYNC_SETUP_KEY = 'config';

/** Whether sync is set up, read in the change's own transaction: an import marks the outbox only then. */
export async function outboxInUse(sync: { count(key: string): Promise<number> }): Promise<boolean> {
  return (await sync.count(SYNC_SETUP_KEY)) > 0;
}

export const highlightKey = (id: string): string => `h:${id}`;
export const pageKey = (url: string): string => `p:${url}`;
