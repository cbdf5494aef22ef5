/**
 * "Import from…": what a chosen file holds, shown before anything is written — how many
 * highlights on how many pages, from which tool, how many are here already or will merge, and
 * what will be left out and why — then written only when the user says so.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { ImportPreview } from '@/utils/shared/protocol';

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** "214 highlights on 37 pages from Hypothesis; 12 already here." */
export function previewSummary(p: ImportPreview): string {
  const here = p.alreadyHere ? `; ${p.alreadyHere.toLocaleString()} already here` : '';
  return `${plural(p.highlights, 'highlight')} on ${plural(p.pages, 'page')} from ${p.source}${here}.`;
}

export function ImportPreviewPanel({ fileName, preview, busy, onConfirm, onCancel }: { fileName: string; preview: ImportPreview; busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  const writes = preview.added + preview.merged;
  const panel = useRef<HTMLElement>(null);
  // The preview appears at the foot of the menu: brought into view, its confirm button focused.
  useEffect(() => {
    panel.current?.scrollIntoView({ block: 'nearest' });
    panel.current?.querySelector<HTMLButtonElement>('[data-action="import-confirm"]:not(:disabled), [data-action="import-cancel"]')?.focus();
  }, [preview]);
  return (
    <section ref={panel} class="import-preview" aria-label={`Import ${fileName}`} data-role="import-preview">
      <p class="import-summary">{previewSummary(preview)}</p>
      <ul class="import-counts">
        <li>{plural(preview.added, 'new highlight')}</li>
        {preview.merged > 0 && <li>{plural(preview.merged, 'highlight')} here already will take the file’s notes and tags</li>}
      </ul>
      {preview.skipped > 0 && (
        <details class="import-problems">
          <summary>{plural(preview.skipped, 'entry', 'entries')} will not be imported</summary>
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
          Cancel
        </button>
        <button type="button" class="action primary" data-action="import-confirm" onClick={onConfirm} disabled={busy || writes === 0}>
          {writes === 0 ? 'Nothing new to import' : `Import ${plural(writes, 'highlight')}`}
        </button>
      </div>
    </section>
  );
}
