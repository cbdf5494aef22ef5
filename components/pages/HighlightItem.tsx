/**
 * One highlight as the popup and the library show it: its color, its text (long ones folded),
 * its note and when it was made, and what can be done to it — recolor, write or edit the note,
 * copy, delete. Every control is a labelled button or field; the list makes them one tab stop
 * with arrows inside (roving-focus.ts).
 */
import { colorName, formatMoment, t } from '@/utils/i18n/words';
import { useEffect, useRef, useState } from 'preact/hooks';
import { HIGHLIGHT_COLORS, type HighlightColor, type HighlightRecord } from '@/utils/shared/model';
import { relativeTime } from '@/utils/pages/relative-time';
import { copyText } from '@/utils/shared/clipboard';
import { TagEditor } from '@/components/shared/TagEditor';

/** Quotes longer than this are folded until the user asks for all of it. */
const FOLD_AT = 280;

export interface HighlightActions {
  recolor(highlight: HighlightRecord, color: HighlightColor): void;
  saveNote(highlight: HighlightRecord, note: string): void;
  /** Answers whether the tags were stored. */
  retag(highlight: HighlightRecord, tags: string[]): Promise<boolean>;
  remove(highlight: HighlightRecord): void;
}

export function HighlightItem({
  highlight,
  actions,
  onOpen,
  openHref,
  pageLabel,
  tagSuggestions = [],
}: {
  highlight: HighlightRecord;
  actions: HighlightActions;
  /** Tags in use in the library, offered as the user types one. */
  tagSuggestions?: readonly string[];
  /** Show it on its page (the popup: scroll the tab to it). */
  onOpen?: (() => void) | undefined;
  /** Or a link that opens its page at it (the library). */
  openHref?: string | undefined;
  /** The page it is from, where a list mixes pages (search results). */
  pageLabel?: string | undefined;
}) {
  const quote = highlight.target.quote.exact.replace(/\s+/g, ' ').trim();
  const [unfolded, setUnfolded] = useState(false);
  const [editing, setEditing] = useState(false);
  const [tagging, setTagging] = useState(false);
  const tags = highlight.tags ?? [];
  const [copied, setCopied] = useState(false);
  const long = quote.length > FOLD_AT;
  const shown = long && !unfolded ? `${quote.slice(0, FOLD_AT).replace(/\s+\S*$/, '')}…` : quote;
  const body = (
    <>
      <span class="chip" data-color={highlight.color} aria-hidden="true" />
      <span class="quote-text">
        {pageLabel && (
          <span class="from" dir="auto">
            {pageLabel}
          </span>
        )}
        <blockquote class="quote" dir="auto">
          {shown}
        </blockquote>
      </span>
    </>
  );
  return (
    <li class="highlight" data-id={highlight.id} data-color={highlight.color}>
      {openHref ? (
        <a class="quote-button" href={openHref} target="_blank" rel="noopener noreferrer" title={t('openAtHighlight')}>
          {body}
        </a>
      ) : (
        <button
          type="button"
          class="quote-button"
          onClick={onOpen}
          title={t('showOnPage')}
          aria-label={t('highlightQuoteLabel', { color: colorName(highlight.color), quote })}
        >
          {body}
        </button>
      )}
      {long && (
        <button type="button" class="link fold" aria-expanded={unfolded} onClick={() => setUnfolded(!unfolded)}>
          {unfolded ? t('showLess') : t('showAll')}
        </button>
      )}
      {editing ? (
        <NoteEditor
          initial={highlight.note}
          onDone={(note) => {
            setEditing(false);
            if (note !== highlight.note) actions.saveNote(highlight, note);
          }}
        />
      ) : (
        highlight.note && (
          <p class="note" dir="auto">
            {highlight.note}
          </p>
        )
      )}
      {tagging ? (
        <TagEditor tags={tags} suggestions={tagSuggestions} onChange={(next) => actions.retag(highlight, next)} />
      ) : (
        tags.length > 0 && (
          <p class="tag-list">
            {tags.map((t) => (
              <span class="tag" key={t} dir="auto">
                #{t}
              </span>
            ))}
          </p>
        )
      )}
      <div class="item-bar">
        <time
          class="time"
          dateTime={new Date(highlight.createdAt).toISOString()}
          title={formatMoment(highlight.createdAt)}
        >
          {relativeTime(highlight.createdAt)}
        </time>
        {highlight.target.page !== undefined && (
          <span class="pdf-page">{t('onPdfPage', { page: highlight.target.page })}</span>
        )}
        <div class="swatches" role="group" aria-label={t('color')}>
          {HIGHLIGHT_COLORS.map((color) => (
            <button
              type="button"
              aria-pressed={color === highlight.color}
              aria-label={colorName(color)}
              title={colorName(color)}
              class="swatch"
              data-color={color}
              onClick={() => color !== highlight.color && actions.recolor(highlight, color)}
            />
          ))}
        </div>
        <button type="button" class="link" data-action="note" onClick={() => setEditing(true)} hidden={editing}>
          {highlight.note ? t('editNote') : t('addNote')}
        </button>
        <button
          type="button"
          class="link"
          data-action="tags"
          aria-expanded={tagging}
          aria-label={tagging ? t('doneWithTags') : tags.length ? t('editTags') : t('addTags')}
          onClick={() => setTagging(!tagging)}
        >
          {tagging ? t('done') : t('tags')}
        </button>
        <button
          type="button"
          class="link"
          data-action="copy"
          onClick={() =>
            void copyText(highlight.note ? `${quote}\n\n${highlight.note}` : quote, document).then(
              (ok) => ok && (setCopied(true), setTimeout(() => setCopied(false), 1500)),
            )
          }
        >
          {copied ? t('copied') : t('copy')}
        </button>
        <button
          type="button"
          class="link danger"
          data-action="delete"
          onClick={() => actions.remove(highlight)}
          aria-label={t('deleteHighlight')}
        >
          {t('delete')}
        </button>
      </div>
    </li>
  );
}

/** A note field that saves when it loses focus or on Ctrl/⌘+Enter, and cancels on Escape. */
function NoteEditor({ initial, onDone }: { initial: string; onDone: (note: string) => void }) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const done = useRef(false);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.setSelectionRange(initial.length, initial.length);
  }, [initial]);
  const finish = (note: string) => {
    if (done.current) return;
    done.current = true;
    onDone(note);
  };
  return (
    <textarea
      ref={ref}
      class="note-editor"
      dir="auto"
      aria-label={t('note')}
      placeholder={t('writeNote')}
      rows={3}
      maxLength={100_000}
      defaultValue={initial}
      onBlur={(e) => finish(e.currentTarget.value.trim())}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          finish(initial);
        } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          finish(e.currentTarget.value.trim());
        }
      }}
    />
  );
}
