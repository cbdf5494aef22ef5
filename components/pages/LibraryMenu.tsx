/**
 * The library's "Export & backup" menu and the weekly backup reminder: exports of the chosen
 * page, the pages shown or everything; a backup of everything; a restore with progress; an
 * import from another tool, previewed before it is written; the reminder switch. Everything goes
 * through the background, which tells every open view.
 */
import { formatList, t, tn } from '@/utils/i18n/words';
import { useRef, useState } from 'preact/hooks';
import { useDismiss } from '@/utils/pages/use-dismiss';
import { backupReminder, reminderText } from '@/utils/pages/backup-reminder';
import type { Settings } from '@/utils/shared/model';
import type { ImportFileRequest, ImportPreview, ImportSummary } from '@/utils/shared/protocol';
import { importAll, importRequestOf } from '@/utils/pages/import-file';
import { ImportPreviewPanel } from './ImportPreviewPanel';
import { askBackground } from '@/utils/pages/extension-client';
import { ExportControls } from './ExportControls';
import { downloadFile } from '@/utils/pages/file-actions';
import { done, problem, type Notice } from '@/utils/pages/notice';
import type { PageEvents } from '@/utils/pages/page-events';

/** Export, back up and restore, in one menu. */
export function LibraryMenu({
  chosenUrl,
  shownUrls,
  filtering,
  events,
  settings,
  onSettings,
  onMessage,
}: {
  chosenUrl: string | null;
  shownUrls: string[];
  filtering: boolean;
  events: PageEvents;
  settings: Settings | null;
  onSettings: (settings: Settings) => void;
  onMessage: (notice: Notice) => void;
}) {
  const [open, setOpen] = useState(false);
  // A file that could not be read or written is said here, in the menu where it was chosen, not behind it.
  const [fileProblem, setFileProblem] = useState('');
  const [progress, setProgress] = useState<{ done: number; total: number; stage?: 'reading' | 'saving' } | null>(null);
  const [writing, setWriting] = useState<'restored' | 'imported'>('restored');
  const file = useRef<HTMLInputElement>(null);
  const importFile = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState<{ name: string; request: ImportFileRequest; preview: ImportPreview } | null>(
    null,
  );
  const menu = useRef<HTMLDivElement>(null);
  useDismiss(open, menu, () => setOpen(false), progress !== null);
  const scopes = [
    ...(chosenUrl ? [{ label: t('scopeChosenPage'), scope: { url: chosenUrl } }] : []),
    ...(filtering && shownUrls.length
      ? [{ label: tn('scopePagesShown', shownUrls.length), scope: { urls: shownUrls } }]
      : []),
    { label: t('scopeEverything'), scope: 'all' as const },
  ];
  const backUp = async () => {
    setProgress({ done: 0, total: 0, stage: 'saving' });
    try {
      onMessage(await backUpEverything((done, total) => setProgress({ done, total, stage: 'saving' })));
    } finally {
      setProgress(null);
    }
  };
  const reading = (done: number, total: number) => setProgress({ done, total, stage: 'reading' });
  /** Writes a file (a restore at once, an import once previewed), with progress. */
  const write = async (request: ImportFileRequest | File, verb: 'restored' | 'imported') => {
    setWriting(verb);
    setProgress({ done: 0, total: 0 });
    const off = events.onImportProgress((done, total) => setProgress({ done, total }));
    try {
      setFileProblem('');
      const answer = await importAll(
        askBackground,
        request instanceof File ? await importRequestOf(request, askBackground, reading) : request,
      );
      if (answer.ok) {
        onMessage(done(importedMessage(answer.value, verb)));
        setPending(null);
        setOpen(false);
      } else
        setFileProblem(
          `${'partly' in answer ? t(verb === 'restored' ? 'restoredInPart' : 'importedInPart') : t(verb === 'restored' ? 'nothingRestored' : 'nothingImported')} ${answer.error}`,
        );
    } catch (e) {
      setFileProblem(
        t(verb === 'restored' ? 'nothingRestoredBecause' : 'nothingImportedBecause', {
          error: e instanceof Error ? e.message : String(e),
        }),
      );
    } finally {
      off();
      setProgress(null);
      if (file.current) file.current.value = '';
    }
  };
  const restore = (chosen: File) => write(chosen, 'restored');
  /** Reads the chosen file and shows what it holds; nothing is written yet. */
  const preview = async (chosen: File) => {
    setWriting('imported');
    setProgress({ done: 0, total: 0 });
    setFileProblem('');
    try {
      const request = await importRequestOf(chosen, askBackground, reading);
      const answer = await askBackground({ type: 'import:preview', ...request });
      if (answer.ok) setPending({ name: chosen.name, request, preview: answer.value });
      else setFileProblem(`${t('nothingImported')} ${answer.error}`);
    } catch (e) {
      setFileProblem(t('nothingImportedBecause', { error: e instanceof Error ? e.message : String(e) }));
    } finally {
      setProgress(null);
      if (importFile.current) importFile.current.value = '';
    }
  };
  return (
    <div class="menu" ref={menu}>
      <button
        type="button"
        class="action"
        data-action="menu"
        aria-expanded={open}
        aria-controls="library-menu"
        onClick={() => setOpen(!open)}
      >
        {t('menuExportBackup')}
      </button>
      {open && (
        <div class="menu-panel" id="library-menu">
          <h2>{t('export')}</h2>
          <ExportControls scopes={scopes} />
          <h2>{t('backupHeading')}</h2>
          <p class="hint">{t('backupHint')}</p>
          <div class="actions">
            <button type="button" class="action" data-action="backup" onClick={() => void backUp()}>
              {t('backUp')}
            </button>
            <button
              type="button"
              class="action"
              data-action="restore"
              onClick={() => file.current?.click()}
              disabled={progress !== null}
            >
              {t('restore')}
            </button>
            <input
              ref={file}
              type="file"
              accept=".json,application/json"
              hidden
              aria-label={t('restoreFileLabel')}
              data-action="restore-file"
              onChange={(e) => {
                const chosen = e.currentTarget.files?.[0];
                if (chosen) void restore(chosen);
              }}
            />
          </div>
          {settings && (
            <label class="check">
              <input
                type="checkbox"
                name="backup-reminder"
                checked={settings.backupReminder}
                onChange={(e) => {
                  const backupReminder = e.currentTarget.checked;
                  void askBackground({ type: 'settings:set', settings: { backupReminder } }).then(
                    (r) => r.ok && onSettings(r.value),
                  );
                }}
              />
              {t('remindBackup')}
            </label>
          )}
          <h2>{t('import')}</h2>
          <p class="hint">{t('importHint')}</p>
          <div class="actions">
            <button
              type="button"
              class="action"
              data-action="import"
              onClick={() => importFile.current?.click()}
              disabled={progress !== null}
            >
              {t('importFrom')}
            </button>
            <input
              ref={importFile}
              type="file"
              accept=".json,.jsonld,.csv,.zip,application/json,application/ld+json,text/csv,application/zip"
              hidden
              aria-label={t('importFileLabel')}
              data-action="import-file"
              onChange={(e) => {
                const chosen = e.currentTarget.files?.[0];
                if (chosen) void preview(chosen);
              }}
            />
          </div>
          {pending && (
            <ImportPreviewPanel
              fileName={pending.name}
              preview={pending.preview}
              busy={progress !== null}
              onConfirm={() => void write(pending.request, 'imported')}
              onCancel={() => setPending(null)}
            />
          )}
          {progress && (
            <div
              class="progress"
              role="progressbar"
              aria-label={writing === 'restored' ? t('restoring') : t('importing')}
              aria-valuemin={0}
              aria-valuemax={progress.total || 1}
              aria-valuenow={progress.done}
            >
              <div class="bar" style={{ width: `${progress.total ? (100 * progress.done) / progress.total : 5}%` }} />
              <span>
                {progress.stage === 'saving'
                  ? t('preparingBackup', {
                      percent: progress.total ? Math.round((100 * progress.done) / progress.total) : 0,
                    })
                  : progress.stage === 'reading'
                    ? t('readingFile', {
                        percent: progress.total ? Math.round((100 * progress.done) / progress.total) : 0,
                      })
                    : progress.total
                      ? t(writing === 'restored' ? 'restoringProgress' : 'importingProgress', {
                          done: progress.done,
                          total: progress.total,
                        })
                      : writing === 'restored'
                        ? t('checkingBackup')
                        : t('checkingFile')}
              </span>
            </div>
          )}
          {fileProblem && (
            <p
              class="notice problem"
              role="alert"
              data-role="file-problem"
              ref={(p) => p?.scrollIntoView({ block: 'nearest' })}
            >
              {fileProblem}
            </p>
          )}
        </div>
      )}
    </div>
  );
}

/** Downloads a backup of everything (in parts, when large); answers what to tell the user. */
async function backUpEverything(progress?: (done: number, total: number) => void): Promise<Notice> {
  const answer = await askBackground({ type: 'export', format: 'backup', scope: 'all' });
  if (!answer.ok) return problem(answer.error);
  try {
    await downloadFile(answer.value, askBackground, progress);
  } catch (e) {
    return problem(t('backupInterrupted', { error: e instanceof Error ? e.message : String(e) }));
  }
  return done(t('backedUp', { file: answer.value.filename }));
}

/** The weekly reminder, when the user asked for one and a backup is due. */
export function BackupBanner({
  settings,
  count,
  now,
  onDone,
}: {
  settings: Settings;
  count: number;
  now: () => number;
  onDone: (notice: Notice) => void;
}) {
  const reminder = backupReminder(settings, count, now());
  if (!reminder.due) return null;
  return (
    <div class="reminder" role="status">
      <span>{reminderText(reminder, count)}</span>
      <button
        type="button"
        class="action primary"
        data-action="backup-now"
        onClick={() => void backUpEverything().then(onDone)}
      >
        {t('backUpNow')}
      </button>
    </div>
  );
}

function importedMessage(
  { added, merged, skipped, articles = 0 }: ImportSummary,
  verb: 'restored' | 'imported',
): string {
  // A reading list brings articles alone: its message names them, not an empty count of highlights.
  const parts = added || !articles ? [tn('highlightsAdded', added)] : [];
  if (articles && verb === 'imported') parts.push(tn('articlesToReadLater', articles));
  if (merged) parts.push(tn('highlightsMerged', merged));
  if (skipped) parts.push(tn(verb === 'imported' ? 'alreadyHereOrLeftOut' : 'alreadyHere', skipped));
  return t(verb === 'restored' ? 'restoredSummary' : 'importedSummary', { parts: formatList(parts) });
}
