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

export const highlightKey = (id: string): string => `h:${id}`;
export const pageKey = (url: string): string => `p:${url}`;
