/**
 * The small toolbar shown beside a text selection: highlight in one of five colors, highlight
 * with a note, or copy. Rendered inside a closed shadow root (see selection-toolbar-host.tsx).
 */
import { colorName, t } from '@/utils/i18n/words';
import { useEffect, useRef, useState } from 'preact/hooks';
import { HIGHLIGHT_COLORS, type HighlightColor } from '@/utils/shared/model';

export interface SelectionToolbarProps {
  color: HighlightColor;
  onHighlight: (color: HighlightColor, note?: string) => void;
  onCopy: () => Promise<boolean>;
  onClose: () => void;
}

export function SelectionToolbar({ color, onHighlight, onCopy, onClose }: SelectionToolbarProps) {
  const [mode, setMode] = useState<'actions' | 'note'>('actions');
  const [copied, setCopied] = useState(false);

  if (mode === 'note') {
    return <NoteEditor color={color} onSave={(note) => onHighlight(color, note)} onCancel={onClose} />;
  }
  return (
    <div class="toolbar" role="toolbar" aria-label={t('appName')}>
      <button
        type="button"
        class="primary"
        data-control="highlight"
        onClick={() => onHighlight(color)}
        title={t('toolbarHighlightTitle')}
      >
        <span class="dot" data-color={color} aria-hidden="true" />
        {t('toolbarHighlight')}
      </button>
      <span class="divider" aria-hidden="true" />
      {HIGHLIGHT_COLORS.map((c) => (
        <button
          type="button"
          class={`swatch${c === color ? ' current' : ''}`}
          data-color={c}
          data-control={`color-${c}`}
          aria-label={t('toolbarHighlightIn', { color: colorName(c) })}
          title={t('toolbarHighlightIn', { color: colorName(c) })}
          onClick={() => onHighlight(c)}
        />
      ))}
      <span class="divider" aria-hidden="true" />
      <button type="button" onClick={() => setMode('note')} title={t('toolbarNoteTitle')}>
        {t('toolbarNote')}
      </button>
      <button type="button" onClick={() => void onCopy().then((done) => setCopied(done))} aria-live="polite">
        {copied ? t('copied') : t('copy')}
      </button>
    </div>
  );
}

function NoteEditor({
  color,
  onSave,
  onCancel,
}: {
  color: HighlightColor;
  onSave: (note: string) => void;
  onCancel: () => void;
}) {
  const [note, setNote] = useState('');
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), []);
  return (
    <form
      class="toolbar note"
      aria-label={t('toolbarNoteFormLabel')}
      onSubmit={(e) => {
        e.preventDefault();
        onSave(note.trim());
      }}
    >
      <span class="dot" data-color={color} aria-hidden="true" />
      <textarea
        ref={field}
        dir="auto"
        rows={3}
        aria-label={t('note')}
        placeholder={t('notePlaceholder')}
        value={note}
        onInput={(e) => setNote(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) onSave(note.trim());
          if (e.key === 'Escape') onCancel();
          e.stopPropagation();
        }}
      />
      <div class="row">
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
        <button type="submit" class="primary">
          {t('save')}
        </button>
      </div>
    </form>
  );
}
