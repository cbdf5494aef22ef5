/** Sync's status in the words the library and the popup show: when it last synced, what waits, what went wrong. */
import type { SyncStatus } from '../shared/protocol';
import { relativeTime } from './relative-time';

export function syncStatusText(status: SyncStatus, now: number = Date.now()): string {
  if (status.state === 'off') return status.server ? 'Sync is off.' : 'Sync is not set up.';
  const waiting = status.pending ? ` · ${status.pending.toLocaleString()} ${status.pending === 1 ? 'change' : 'changes'} waiting` : '';
  if (status.state === 'syncing') return `Syncing…${waiting}`;
  if (status.error && status.state !== 'idle') return `${status.error}${waiting}`;
  const last = status.lastSyncedAt ? `Synced ${relativeTime(status.lastSyncedAt, now)}` : 'Not synced yet';
  return `${last}${waiting}${status.error ? ` · ${status.error}` : ''}`;
}
