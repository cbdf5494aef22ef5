/**
 * Highlighting in one of Clearmark's own pages (a saved copy, the PDF viewer) as on a web page:
 * the selection toolbar beside a selection, Alt+Shift+H (a highlight in the last color, then its
 * card with the caret in the note), the card a click on a highlight opens, and a notice for what
 * could not be saved. Each page says how its selection is read and described and how a highlight
 * is made; the card acts on the page's highlights through the page. A page's text shows before it
 * has read what a highlight needs (a long PDF's whole text, the copy's highlights): a highlight
 * asked for meanwhile is made once it has.
 */
import type { HighlightColor, HighlightRecord, HighlightTarget } from '@/utils/shared/model';
import type { Result } from '@/utils/shared/result';
import type { Box } from '@/utils/shared/box';
import { askBackground } from '@/utils/pages/extension-client';
import { installSelectionToolbar } from '@/components/shared/selection-toolbar-host';
import { installHighlightCard, type CardHighlights } from '@/components/shared/highlight-card-host';
import { OWN_PAGE } from '@/components/shared/floating-panel';
import { installPageNotice } from '@/components/shared/page-notice-host';
import { asSentence, t } from '@/utils/i18n/words';

export interface OwnPage {
  /** Settles once the page can describe a selection and show a new highlight among its others. */
  ready: Promise<unknown>;
  /** The text selected in the page's own content, if any. */
  selectedRange: () => Range | null;
  describe(range: Range): HighlightTarget | null;
  /** The color last chosen. */
  color: () => HighlightColor;
  create(target: HighlightTarget, color: HighlightColor, note?: string): Promise<Result<HighlightRecord>>;
  card: CardHighlights;
}

/**
 * `onHighlightAsked` hears Alt+Shift+H and the context menu's Highlight through the background: a
 * browser keeps its extensions' shortcut keys from the page (a test's simulated keys reach the page,
 * a person's do not), so the key is heard both ways and whichever comes first acts.
 */
export function installOwnPageHighlighting(
  doc: Document,
  page: OwnPage,
  onHighlightAsked: (listener: () => void) => unknown,
): { controls(): Record<string, Box> } {
  const signal = new AbortController().signal;
  // What could not be saved is said in the page's corner, as on a web page.
  const notice = installPageNotice(doc, signal, OWN_PAGE.mode);
  /**
   * Makes a highlight of `range` once the page is ready, in `color` or then the color last chosen;
   * the range is kept apart from the selection, which is cleared at once.
   */
  const highlight = async (range: Range, color?: HighlightColor, note?: string) => {
    const kept = range.cloneRange();
    doc.getSelection()?.removeAllRanges();
    await page.ready;
    const target = page.describe(kept);
    if (!target) return null;
    const made = await page.create(target, color ?? page.color(), note);
    if (!made.ok) notice.show(t('highlightNotSaved', { why: asSentence(made.error) }));
    return made;
  };
  const toolbar = installSelectionToolbar(
    doc,
    {
      color: page.color,
      currentRange: page.selectedRange,
      highlight: (range, chosen, note) => void highlight(range, chosen, note),
    },
    signal,
    OWN_PAGE,
  );
  const highlightSelection = (): boolean => {
    const range = page.selectedRange();
    if (!range) return false;
    toolbar.hide();
    void highlight(range).then(
      (made) => made?.ok && !page.selectedRange() && card.open(made.value.id, { focusNote: true }),
    );
    return true;
  };
  const card = installHighlightCard(
    doc,
    page.card,
    () => page.selectedRange() !== null,
    async () => {
      const answer = await askBackground({ type: 'tags:list' });
      return answer.ok ? answer.value.map((tag) => tag.tag) : [];
    },
    (text) => notice.show(text),
    signal,
    OWN_PAGE,
    () => void highlightSelection(),
  );
  doc.addEventListener('keydown', (event) => {
    if (event.altKey && event.shiftKey && event.code === 'KeyH' && highlightSelection()) event.preventDefault();
  });
  onHighlightAsked(() => void highlightSelection());
  return { controls: () => ({ ...toolbar.controls(), ...card.controls() }) };
}
