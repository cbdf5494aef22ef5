/**
 * The probes: what a person would see, for automated checks that act like one. Clearmark's UI
 * lives in closed shadow roots no test driver can enter, so these answer where its controls are
 * and what they show (the testing contract in tests/README.md). They never load anything: on a
 * page where the UI has not loaded, they answer that nothing is shown.
 */
import { blockText } from '../engines/extraction/article-text';
import { boxOf } from '../shared/box';
import { DEFAULT_SETTINGS, type Settings } from '../shared/model';
import type { AnchorState, ReaderState, UiState } from '../shared/protocol';
import type { HighlightsSession } from './highlights-session';

/** `highlights:anchored`: the ids the page shows, and those it could not place. */
export function anchoredProbe(session: HighlightsSession | null): AnchorState {
  return session?.anchorState() ?? { painted: [], orphaned: [] };
}

/** `ui:get`: the toolbar's and card's controls by name, and the notice. */
export function uiProbe(session: HighlightsSession | null): UiState {
  return session?.uiControls() ?? { toolbar: {}, card: {}, notice: '' };
}

/** `reader:get`: whether the reader is open, its text and settings, and where its controls and first paragraphs are. */
export function readerProbe(session: HighlightsSession | null, settings: Settings | null): ReaderState {
  const shown = session?.shownReader() ?? null;
  const body = shown?.body;
  const all = body ? Array.from(body.querySelectorAll('*')) : [];
  return {
    open: shown !== null,
    text: body ? blockText(body) : '',
    settings: shown?.settings ?? settings?.reader ?? DEFAULT_SETTINGS.reader,
    controls: shown?.controls ?? {},
    paragraphs: body ? Array.from(body.querySelectorAll('p')).slice(0, 3).map((p) => boxOf(p)) : [],
    selectedText: shown?.selectedText ?? '',
    links: body ? Array.from(body.querySelectorAll('a[href]'), (a) => a.getAttribute('href')!) : [],
    images: body ? Array.from(body.querySelectorAll('img, source'), (i) => i.getAttribute('src') ?? i.getAttribute('srcset') ?? '') : [],
    unsafeAttributes: all.flatMap((el) => el.getAttributeNames().filter((n) => n.startsWith('on') || n === 'style' || n === 'class' || n === 'id')),
  };
}
