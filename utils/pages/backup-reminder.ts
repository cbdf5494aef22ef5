/**
 * The weekly backup reminder, for those who turn it on: due when there is something to lose
 * and the last backup of everything is a week old or was never made.
 */
import { tn } from '@/utils/i18n/words';
import type { Settings } from '../shared/model';

export const BACKUP_INTERVAL_MS = 7 * 24 * 3600e3;

export interface BackupReminder {
  due: boolean;
  /** Whole days since the last backup; null when there never was one. */
  daysSince: number | null;
}

export function backupReminder(
  settings: Pick<Settings, 'backupReminder' | 'lastBackupAt'>,
  highlightCount: number,
  now: number,
): BackupReminder {
  const daysSince = settings.lastBackupAt > 0 ? Math.floor((now - settings.lastBackupAt) / (24 * 3600e3)) : null;
  const due =
    settings.backupReminder &&
    highlightCount > 0 &&
    (settings.lastBackupAt === 0 || now - settings.lastBackupAt >= BACKUP_INTERVAL_MS);
  return { due, daysSince };
}

/** The reminder's words. */
export function reminderText({ daysSince }: BackupReminder, highlightCount: number): string {
  return daysSince === null ? tn('neverBackedUp', highlightCount) : tn('lastBackupDaysAgo', daysSince);
}
