/**
 * Opens the highlight card when the user clicks a highlight (in the page, in the reader view
 * when it is open, or in a saved copy) and carries out what they do in it: color, note, tags,
 * copy, delete with undo. Listeners are tied to the given AbortSignal.
 */
import type { HighlightColor, HighlightRecord } from '@/utils/shared/model';
import type { Box } from '@/utils/shared/box';
import type { Result } from '@/utils/shared/result';
import { FloatingPanel, type PanelPlace } from './floating-panel';
import { HighlightCard, UndoBar } from './HighlightCard';
import { copyText } from '@/utils/shared/clipboard';
import { notSaved } from '@/utils/i18n/words';
import styles from './selection-toolbar.css?inline';

const UNDO_FOR_MS = 6000;

/** What the card needs of the page's highlights (the content side's PageHighlights provides it; a saved copy its own). */
export interface CardHighlights {
  record(id: string): HighlightRecord | undefined;
  hitTest(x: number, y: number): HighlightRecord | null;
  visibleRange(id: string): Range | undefined;
  update(
    id: string,
    patch: { color?: HighlightColor; note?: string; tags?: string[] },
  ): Promise<Result<HighlightRecord>>;
  remove(id: string): Promise<Result<HighlightRecord>>;
  restore(record: HighlightRecord): Promise<Result<HighlightRecord>>;
}

export function installHighlightCard(
  doc: Document,
  highlights: CardHighlights,
  hasSelection: () => boolean,
  /** Tags in use in the library (asked when a card opens). */
  tagsInUse: () => Promise<string[]>,
  /** Says, in the page's notice, what could not be saved (the card may be closed by then). */
  tellProblem: (text: string) => void,
  signal: AbortSignal,
  place: PanelPlace,
  /** Alt+Shift+H: highlights what is selected (the same key in the page). */
  highlightSelection?: () => void,
): {
  hide: () => void;
  open: (id: string, options?: { focusNote?: boolean }) => boolean;
  controls: () => Record<string, Box>;
} {
  let undoTimer: ReturnType<typeof setTimeout> | undefined;
  const hide = () => {
    clearTimeout(undoTimer);
    panel.hide();
  };
  // Escape from anywhere in the card, its note and tag fields too, closes it (the note is kept).
  // Alt+Shift+H in the card with text selected elsewhere: the user selected the next passage before
  // the card noticed, and the key highlights it, as it does in the page.
  const panel = new FloatingPanel(doc, styles, place, hide, (event) => {
    if (
      !highlightSelection ||
      !event.altKey ||
      !event.shiftKey ||
      event.ctrlKey ||
      event.metaKey ||
      event.code !== 'KeyH' ||
      !hasSelection()
    )
      return;
    event.preventDefault();
    hide();
    highlightSelection();
  });

  let suggestions: string[] = [];
  // A change that could not be saved is said, never dropped in silence; a note is said with its
  // words, so what the user wrote is not lost even when the card has closed.
  const saved = <T,>(answer: Result<T>, note?: string): answer is { ok: true; value: T } => {
    if (!answer.ok) tellProblem(notSaved(answer.error, note));
    return answer.ok;
  };
  const card = (record: HighlightRecord, focusNote = false) => (
    <HighlightCard
      key={record.id}
      record={record}
      focusNote={focusNote}
      tagSuggestions={suggestions}
      typingPrivate={place.typingPrivate()}
      onColor={(color) =>
        void highlights.update(record.id, { color }).then((r) => saved(r) && panel.update(card(r.value)))
      }
      onNote={(note) => highlights.update(record.id, { note }).then((r) => saved(r, note))}
      onTags={(tags) =>
        highlights.update(record.id, { tags }).then((r) => {
          if (!saved(r)) return false;
          panel.update(card(r.value));
          return true;
        })
      }
      onCopy={() => copyText(record.target.quote.exact)}
      onDelete={() =>
        void highlights.remove(record.id).then((r) => {
          if (!saved(r)) return;
          panel.update(
            <UndoBar onUndo={() => void highlights.restore(r.value).then((back) => saved(back) && hide())} />,
          );
          undoTimer = setTimeout(hide, UNDO_FOR_MS);
        })
      }
    />
  );

  /** Opens the card on a highlight shown now; answers whether it could. */
  const open = (id: string, { focusNote = false }: { focusNote?: boolean } = {}): boolean => {
    const record = highlights.record(id);
    const range = record && highlights.visibleRange(id);
    if (!record || !range) return false;
    clearTimeout(undoTimer);
    panel.show(card(record, focusNote), range);
    void tagsInUse().then((tags) => {
      suggestions = tags;
      const current = highlights.record(id);
      if (panel.visible && current) panel.update(card(current));
    });
    return true;
  };

  doc.addEventListener(
    'click',
    (event) => {
      // Only a person's own click opens a card: a page cannot open one (and learn where notes are) with forged events.
      if (!event.isTrusted || panel.contains(event) || event.button !== 0 || hasSelection()) return;
      const record = highlights.hitTest(event.clientX, event.clientY);
      if (!record || !open(record.id)) hide();
    },
    { signal },
  );
  // A press elsewhere closes the card at once, not on the click that follows: a drag that starts
  // in the page can then never end over the card (a selection reaching Clearmark's own element,
  // after the page's body, would run to the end of the page).
  doc.addEventListener(
    'mousedown',
    (event) => {
      if (event.isTrusted && event.button === 0 && panel.visible && !panel.contains(event)) hide();
    },
    { signal, capture: true },
  );
  // Text selected elsewhere while the card has focus (the user moved on): the card steps aside, so
  // the next keys (Alt+Shift+H) act on that selection, not in the note.
  doc.addEventListener(
    'selectionchange',
    () => {
      if (panel.visible && panel.hasFocus() && hasSelection()) hide();
    },
    { signal },
  );
  doc.addEventListener(
    'keydown',
    (event) => {
      if (event.key === 'Escape' && panel.visible && !panel.hasFocus()) hide();
    },
    { signal, capture: true },
  );
  signal.addEventListener('abort', hide);
  return { hide, open, controls: () => panel.controls() };
}
