/**
 * The probes: what a person would see, for automated checks that act like one. Clearmark's UI
 * lives in closed shadow roots no test driver can enter, so these answer where its controls are
 * and what they show (the testing contract in tests/README.md). They never load anything: on a
 * page where the UI has not loaded, they answer that nothing is shown. The reader's probe, which
 * measures the open view, is loaded with the reader's code (./reader-probe.ts), so the script every
 * page loads at document_start carries no more of the test build than these few lines.
 */
import { DEFAULT_SETTINGS, type Settings } from '../shared/model';
import type { AnchorState, ReaderState, UiState } from '../shared/protocol';
import type { HighlightsSession } from './highlights-session';

/** `highlights:anchored`: the ids the page shows, and those it could not place. */
export function anchoredProbe(session: HighlightsSession | null): AnchorState {
  return session?.anchorState() ?? { painted: [], orphaned: [] };
}

/** `ui:get`: the toolbar's and card's controls by name, and the notice. */
export function uiProbe(session: HighlightsSession | null): UiState {
  return session?.uiControls() ?? { toolbar: {}, card: {}, notice: '', announced: '' };
}

/** `reader:get` while no reader is shown (its code may not even be loaded). */
export function closedReaderProbe(settings: Settings | null): ReaderState {
  return {
    open: false,
    text: '',
    header: [],
    standfirst: '',
    settings: settings?.reader ?? DEFAULT_SETTINGS.reader,
    controls: {},
    paragraphs: [],
    selectedText: '',
    links: [],
    images: [],
    imagesTakingRoom: [],
    figures: [],
    tables: 0,
    overflowRight: 0,
    unsafeAttributes: [],
    charactersPerLine: 0,
    swatches: {},
    highlights: [],
  };
}
