/**
 * The card a click on a highlight opens: its color (named, not only shown), its note (saved as
 * you type), its tags (completed from those in use), copy, and delete. After a delete the card turns into a short-lived "Undo".
 */
import { colorName, t } from '@/utils/i18n/words';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { HIGHLIGHT_COLORS, type HighlightColor, type HighlightRecord } from '@/utils/shared/model';
import { TagEditor } from '@/components/shared/TagEditor';
import { rovingFocus } from '@/utils/shared/roving-focus';

export interface HighlightCardProps {
  record: HighlightRecord;
  /** Tags in use in the library, offered as the user types one. */
  tagSuggestions: readonly string[];
  onColor: (color: HighlightColor) => void;
  /** Saves the note; answers whether it was saved (if not, the next pause or leaving the field tries again). */
  onNote: (note: string) => Promise<boolean>;
  /** Saves the tags; answers whether they were saved. */
  onTags: (tags: string[]) => Promise<boolean>;
  onCopy: () => Promise<boolean>;
  onDelete: () => void;
  /**
   * Whether the page cannot hear what is typed here (private-input-guard.ts). When it could (a
   * page that was open before Clearmark was installed), the note and tags are shown, not editable.
   */
  typingPrivate: boolean;
  /** Puts focus in the note when the card opens (a highlight made from the keyboard: the next key writes its note). */
  focusNote?: boolean | undefined;
}

const NOTE_SAVE_DELAY_MS = 400;

export function HighlightCard({
  record,
  tagSuggestions,
  onColor,
  onNote,
  onTags,
  onCopy,
  onDelete,
  typingPrivate,
  focusNote,
}: HighlightCardProps) {
  const [note, setNote] = useState(record.note);
  const [copied, setCopied] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // The note as last saved: null after a save failed, so the next one tries whatever the field holds.
  const saved = useRef<string | null>(record.note);
  const latest = useRef(record.note);
  const save = (text: string) => {
    clearTimeout(timer.current);
    if (text !== saved.current) {
      saved.current = text;
      void onNote(text).then((done) => {
        if (!done && saved.current === text) saved.current = null;
      });
    }
  };
  // Closed before the note's pause (Escape, or the page moving on): what was typed is saved, not lost.
  const saveRef = useRef(save);
  saveRef.current = save;
  useEffect(() => () => saveRef.current(latest.current), []);
  const noteField = useRef<HTMLTextAreaElement>(null);
  // In the same task as the card opens (not after the next paint): a selection the user makes
  // right after is not taken away by a late focus. Not scrolled to: the card is placed beside the
  // highlight once drawn, and the page stays where the reader left it.
  useLayoutEffect(() => {
    if (focusNote) noteField.current?.focus({ preventScroll: true });
  }, [focusNote]);
  // The colors and actions are one tab stop (entered at the current color), arrows along them: Tab
  // goes color row, note, tags.
  const card = useRef<HTMLDivElement>(null);
  useEffect(() => (card.current ? rovingFocus(card.current, '.row.colors', '[aria-pressed="true"]') : undefined), []);
  return (
    <div class="toolbar card" role="dialog" aria-label={t('cardLabel', { color: colorName(record.color) })} ref={card}>
      <div class="row colors" role="toolbar" aria-label={t('cardColorRow')}>
        {HIGHLIGHT_COLORS.map((c) => (
          <button
            type="button"
            class={`swatch${c === record.color ? ' current' : ''}`}
            data-color={c}
            data-control={`color-${c}`}
            aria-label={t('colorNamed', { color: colorName(c) })}
            aria-pressed={c === record.color}
            title={colorName(c)}
            onClick={() => onColor(c)}
          />
        ))}
        <span class="color-name">{colorName(record.color)}</span>
        <button type="button" data-control="copy" onClick={() => void onCopy().then(setCopied)}>
          {copied ? t('copied') : t('copy')}
        </button>
        <button type="button" data-control="delete" class="danger" onClick={onDelete}>
          {t('delete')}
        </button>
      </div>
      {!typingPrivate && (
        <p class="unsafe-typing" role="note">
          {t('cardReloadToType')}
        </p>
      )}
      <textarea
        ref={noteField}
        dir="auto"
        readOnly={!typingPrivate}
        data-control="note"
        rows={2}
        aria-label={t('note')}
        placeholder={t('notePlaceholder')}
        value={note}
        onInput={(e) => {
          const text = e.currentTarget.value;
          latest.current = text;
          setNote(text);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => save(text), NOTE_SAVE_DELAY_MS);
        }}
        onBlur={() => save(note)}
      />
      <TagEditor
        tags={record.tags ?? []}
        suggestions={tagSuggestions}
        onChange={onTags}
        control="tag"
        readOnly={!typingPrivate}
      />
    </div>
  );
}

export function UndoBar({ onUndo }: { onUndo: () => void }) {
  return (
    <div class="toolbar undo" role="status">
      <span>{t('highlightDeleted')}</span>
      <button type="button" data-control="undo" class="primary" onClick={onUndo}>
        {t('undo')}
      </button>
    </div>
  );
}
