/** Sync's status in the words the library and the popup show: when it last synced, what waits, what went wrong. */
import type { SyncStatus } from '../shared/protocol';
import { t, tn } from '@/utils/i18n/words';
import { relativeTime } from './relative-time';

export function syncStatusText(status: SyncStatus, now: number = Date.now()): string {
  if (status.state === 'off') return status.server ? t('syncIsOff') : t('syncNotSetUp');
  const waiting = status.pending ? ` · ${tn('changesWaiting', status.pending)}` : '';
  if (status.state === 'syncing') return `${t('syncing')}${waiting}`;
  if (status.error && status.state !== 'idle') return `${status.error}${waiting}`;
  const last = status.lastSyncedAt
    ? t('syncedWhen', { when: relativeTime(status.lastSyncedAt, now) })
    : t('notSyncedYet');
  return `${last}${waiting}${status.error ? ` · ${status.error}` : ''}`;
}
