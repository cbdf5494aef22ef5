/**
 * "Import from…": what a chosen file holds, shown before anything is written — how many
 * highlights on how many pages, from which tool, how many are here already or will merge, and
 * what will be left out and why — then written only when the user says so.
 */
import { t, tn } from '@/utils/i18n/words';
import { useEffect, useRef } from 'preact/hooks';
import type { ImportPreview } from '@/utils/shared/protocol';

/** "214 highlights on 37 pages from Hypothesis; 12 already here." */
export function previewSummary(p: ImportPreview): string {
  if (!p.highlights && p.listed) {
    // A reading list: its articles, and how many of them are saved here already.
    const what = t('importPreviewArticles', { articles: tn('articleCount', p.listed), source: p.source });
    return p.listed > p.articles
      ? t('importPreviewAlreadyHere', { summary: what, count: p.listed - p.articles })
      : t('sentence', { text: what });
  }
  const what = t('importPreviewSummary', {
    highlights: tn('highlightCount', p.highlights),
    pages: tn('pageCount', p.pages),
    source: p.source,
  });
  return p.alreadyHere
    ? t('importPreviewAlreadyHere', { summary: what, count: p.alreadyHere })
    : t('sentence', { text: what });
}

export function ImportPreviewPanel({
  fileName,
  preview,
  busy,
  onConfirm,
  onCancel,
}: {
  fileName: string;
  preview: ImportPreview;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const writes = preview.added + preview.merged;
  // A reading list brings articles to read later, and no highlights.
  const articlesOnly = writes === 0 && preview.articles > 0;
  const panel = useRef<HTMLElement>(null);
  // The preview appears at the foot of the menu: brought into view, its confirm button focused.
  useEffect(() => {
    panel.current?.scrollIntoView({ block: 'nearest' });
    panel.current
      ?.querySelector<HTMLButtonElement>('[data-action="import-confirm"]:not(:disabled), [data-action="import-cancel"]')
      ?.focus();
  }, [preview]);
  return (
    <section
      ref={panel}
      class="import-preview"
      aria-label={t('importFile', { file: fileName })}
      data-role="import-preview"
    >
      <p class="import-summary">{previewSummary(preview)}</p>
      <ul class="import-counts">
        {(preview.highlights > 0 || !preview.articles) && <li>{tn('newHighlights', preview.added)}</li>}
        {preview.articles > 0 && <li>{tn('articlesToReadLater', preview.articles)}</li>}
        {preview.merged > 0 && <li>{tn('mergeTakesNotes', preview.merged)}</li>}
      </ul>
      {preview.skipped > 0 && (
        <details class="import-problems">
          <summary>{tn('entriesLeftOut', preview.skipped)}</summary>
          <ul>
            {preview.problems.map((p, i) => (
              <li key={i}>
                <strong>{p.where}</strong>: {p.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      <div class="actions">
        <button type="button" class="action" data-action="import-cancel" onClick={onCancel} disabled={busy}>
          {t('cancel')}
        </button>
        <button
          type="button"
          class="action primary"
          data-action="import-confirm"
          onClick={onConfirm}
          disabled={busy || (writes === 0 && !articlesOnly)}
        >
          {articlesOnly
            ? tn('importArticles', preview.articles)
            : writes === 0
              ? t('nothingNewToImport')
              : tn('importHighlights', writes)}
        </button>
      </div>
    </section>
  );
}
