/**
 * Clearmark's PDF viewer (`pdf.html?url=…`): the PDF drawn by PDF.js's own viewer components
 * (pages, text selection, find, zoom, outline), with highlighting as on a web page — the
 * selection toolbar, Alt+Shift+H, the card a click on a highlight opens. A PDF's highlights are
 * kept under its fingerprint (`urn:x-pdf:…`), so the same file shows them from any address;
 * they are described over the whole document's text (utils/engines/pdf/pdf-text.ts), so one may
 * run across pages, and each drawn page paints its part as PDF.js draws its text layer.
 */
import '@/utils/pages/pdfjs-lib';
import { EventBus, PDFFindController, PDFLinkService, PDFViewer } from 'pdfjs-dist/web/pdf_viewer.mjs';
import { t } from '@/utils/i18n/words';
import { HighlightPainter } from '@/utils/engines/highlight-painter';
import {
  anchorAllInPdf,
  anchorInPdf,
  atOldPlace,
  layerOffset,
  layerRange,
  pagePieces,
  pdfTarget,
  type PdfText,
} from '@/utils/engines/pdf/pdf-text';
import type { Span } from '@/utils/engines/anchoring/anchor';
import {
  DEFAULT_SETTINGS,
  type HighlightColor,
  type HighlightRecord,
  type HighlightTarget,
} from '@/utils/shared/model';
import { hostOf, siteNameOf } from '@/utils/shared/urls';
import type { PageEvents } from '@/utils/pages/page-events';
import { askBackground, askForAllSites } from '@/utils/pages/extension-client';
import { keptTextOf, readPdf, readPdfText, type OpenedPdf } from '@/utils/pages/pdf-document';
import { fetchPdf, type PdfFetch } from '@/utils/pages/pdf-file';
import { keepPdfText, keptUrn } from '@/utils/pages/pdf-text-cache';
import type { CardHighlights } from '@/components/shared/highlight-card-host';
import { installOwnPageHighlighting } from './own-page-highlighting';
import { originalPdfUrl } from '@/utils/shared/pdf-address';
import { answerAsContentScript } from '@/utils/pages/own-page-answers';
import { ok } from '@/utils/shared/result';
import type { Box } from '@/utils/shared/box';

/** Highlights made here say they came from the viewer (views that made a change skip its echo). */
const ORIGIN = 'pdf-viewer';
/** Pages whose text is read first, the first time a file is opened: those on the first screen. */
const FIRST_PAGES = 3;
/** How long the rest of the text waits for the first screen to be drawn (a hidden tab draws nothing). */
const DRAW_WAIT_MS = 2000;
/** Zoom steps of the + and − buttons. */
const ZOOM_STEP = 1.2;
const MIN_SCALE = 0.25;
const MAX_SCALE = 8;

export interface PdfView {
  urn: string;
  /** Ids of the highlights painted in drawn pages (one per highlight, however many pages it spans). */
  painted(): string[];
  controls(): Record<string, Box>;
}

/** What the viewer's first script started before this code loaded: the file's fetch (null: no address to fetch) and PDF.js's worker. */
export interface PdfStart {
  fetched: Promise<PdfFetch> | null;
  worker: Worker;
}

const askHighlights = (urn: string) => askBackground({ type: 'page:highlights', url: urn });
/** The highlights of a file opened before, asked for as soon as what was kept of it named them; null for a new file. */
type EarlyHighlights = Promise<{ urn: string; answer: ReturnType<typeof askHighlights> } | null>;

/** Opens the PDF at `url` in `doc`; null when it cannot be (the page then says why, and offers what can be done). */
export async function showPdf(
  doc: Document,
  url: string,
  events: PageEvents,
  start: PdfStart,
): Promise<PdfView | null> {
  const main = doc.getElementById('app') ?? doc.body;
  if (!start.fetched) {
    showProblem(doc, main, t('pdfNoAddress'), null);
    return null;
  }
  // A file opened before: its highlights are asked for now, while PDF.js reads the file.
  const early: EarlyHighlights = start.fetched.then(async (fetched) => {
    const urn = fetched.ok ? keptUrn(await fetched.value.kept) : null;
    return urn ? { urn, answer: askHighlights(urn) } : null;
  });
  const status = doc.createElement('p');
  status.className = 'pdf-status';
  status.setAttribute('role', 'status');
  status.textContent = t('pdfOpening');
  main.append(status);
  let fetched = await start.fetched;
  while (!fetched.ok && fetched.needsAccess) {
    status.remove();
    if (!(await askAccess(doc, main, url))) return null;
    main.append(status);
    fetched = await fetchPdf(url);
  }
  const opened = fetched.ok ? await readPdf(fetched.value, url, start.worker) : fetched;
  status.remove();
  if (!opened.ok) {
    showProblem(doc, main, opened.error, url);
    return null;
  }
  return viewPdf(doc, main, url, opened.value, events, early);
}

/** Says that access to the site is needed, and asks for it on a click; resolves with whether it was given. */
function askAccess(doc: Document, main: HTMLElement, url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const panel = doc.createElement('section');
    panel.className = 'fetch-copy';
    const title = doc.createElement('h1');
    title.textContent = t('pdfCannotOpen');
    const text = doc.createElement('p');
    text.textContent = t('pdfNeedsAccess');
    const button = doc.createElement('button');
    button.type = 'button';
    button.className = 'action primary';
    button.dataset.action = 'allow-pdf';
    button.textContent = t('pdfAllowAccess');
    const answer = doc.createElement('p');
    answer.setAttribute('role', 'status');
    const file = doc.createElement('a');
    file.href = originalPdfUrl(url);
    file.textContent = t('pdfOpenFile');
    panel.append(title, text, button, answer, file);
    main.append(panel);
    button.addEventListener('click', () => {
      void askForAllSites().then((granted) => {
        if (!granted) return void (answer.textContent = t('pdfAccessRefused'));
        panel.remove();
        resolve(true);
      });
    });
  });
}

function showProblem(doc: Document, main: HTMLElement, why: string, url: string | null): void {
  const panel = doc.createElement('section');
  panel.className = 'fetch-copy';
  const title = doc.createElement('h1');
  title.textContent = t('pdfCannotOpen');
  const text = doc.createElement('p');
  text.textContent = why;
  panel.append(title, text);
  if (url) {
    const file = doc.createElement('a');
    file.href = originalPdfUrl(url);
    file.textContent = t('pdfOpenFile');
    panel.append(file);
  }
  main.append(panel);
}

function button(doc: Document, action: string, label: string, text: string): HTMLButtonElement {
  const b = doc.createElement('button');
  b.type = 'button';
  b.className = 'pdf-button';
  b.dataset.action = action;
  b.setAttribute('aria-label', label);
  b.title = label;
  b.textContent = text;
  return b;
}

/** The viewer's toolbar: outline, page number, zoom, find. */
function buildToolbar(doc: Document) {
  const bar = doc.createElement('header');
  bar.className = 'pdf-toolbar';
  bar.setAttribute('role', 'toolbar');
  bar.setAttribute('aria-label', t('pdfTools'));
  const outlineButton = button(doc, 'outline', t('pdfOutline'), '☰');
  outlineButton.setAttribute('aria-expanded', 'false');
  const title = doc.createElement('h1');
  title.className = 'pdf-title';
  title.dir = 'auto';
  const pageLabel = doc.createElement('label');
  pageLabel.className = 'pdf-page-number';
  const pageInput = doc.createElement('input');
  pageInput.type = 'number';
  pageInput.min = '1';
  pageInput.name = 'page';
  pageInput.setAttribute('aria-label', t('pdfPageNumber'));
  const pageCount = doc.createElement('span');
  pageLabel.append(pageInput, pageCount);
  const zoomOut = button(doc, 'zoom-out', t('pdfZoomOut'), '−');
  const zoomIn = button(doc, 'zoom-in', t('pdfZoomIn'), '+');
  const fitWidth = button(doc, 'fit-width', t('pdfFitWidth'), '↔');
  const find = doc.createElement('input');
  find.type = 'search';
  find.name = 'find';
  find.className = 'pdf-find';
  find.placeholder = t('pdfFind');
  find.setAttribute('aria-label', t('pdfFind'));
  const findPrevious = button(doc, 'find-previous', t('pdfFindPrevious'), '↑');
  const findNext = button(doc, 'find-next', t('pdfFindNext'), '↓');
  const findResult = doc.createElement('span');
  findResult.className = 'pdf-find-result';
  findResult.setAttribute('role', 'status');
  // The file itself, in the browser's own viewer (to print, save or fill in a form).
  const original = doc.createElement('a');
  original.className = 'pdf-button pdf-original';
  original.dataset.action = 'original';
  original.setAttribute('aria-label', t('pdfOpenFile'));
  original.title = t('pdfOpenFile');
  original.textContent = '↗';
  const group = (...children: HTMLElement[]) => {
    const span = doc.createElement('span');
    span.className = 'pdf-group';
    span.append(...children);
    return span;
  };
  bar.append(
    outlineButton,
    title,
    group(pageLabel),
    group(zoomOut, zoomIn, fitWidth),
    group(find, findPrevious, findNext, findResult),
    original,
  );
  return {
    bar,
    original,
    outlineButton,
    title,
    pageInput,
    pageCount,
    zoomOut,
    zoomIn,
    fitWidth,
    find,
    findPrevious,
    findNext,
    findResult,
  };
}

async function viewPdf(
  doc: Document,
  main: HTMLElement,
  url: string,
  opened: OpenedPdf,
  events: PageEvents,
  early: EarlyHighlights,
): Promise<PdfView> {
  const { pdf, urn } = opened;
  doc.title = `${opened.title} · Clearmark`;
  // The name its highlights are kept under, shown to the page's own checks (as a saved copy shows its address).
  doc.body.dataset.pdfUrn = urn;
  const tools = buildToolbar(doc);
  tools.title.textContent = opened.title;
  tools.original.href = originalPdfUrl(url);
  const outline = doc.createElement('nav');
  outline.className = 'pdf-outline';
  outline.hidden = true;
  outline.setAttribute('aria-label', t('pdfOutline'));
  const container = doc.createElement('div');
  container.className = 'pdf-container';
  container.tabIndex = 0;
  const pages = doc.createElement('div');
  pages.className = 'pdfViewer';
  container.append(pages);
  main.append(tools.bar, outline, container);

  const eventBus = new EventBus();
  const linkService = new PDFLinkService({ eventBus });
  const findController = new PDFFindController({ eventBus, linkService });
  const viewer = new PDFViewer({ container, viewer: pages, eventBus, linkService, findController });
  linkService.setViewer(viewer);
  viewer.setDocument(pdf);
  linkService.setDocument(pdf, null);
  eventBus.on('pagesinit', () => {
    // A page as wide as the window, up to a size that reads well (PDF.js's "auto").
    viewer.currentScaleValue = 'auto';
    tools.pageCount.textContent = t('pdfPageCount', { count: String(pdf.numPages) });
    tools.pageInput.max = String(pdf.numPages);
    tools.pageInput.value = '1';
  });
  eventBus.on('pagechanging', ({ pageNumber }: { pageNumber: number }) => {
    tools.pageInput.value = String(pageNumber);
  });
  tools.pageInput.addEventListener('change', () => {
    const n = Math.round(Number(tools.pageInput.value));
    if (n >= 1 && n <= pdf.numPages) viewer.currentPageNumber = n;
  });
  const zoom = (factor: number) => {
    viewer.currentScale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, viewer.currentScale * factor));
  };
  tools.zoomIn.addEventListener('click', () => zoom(ZOOM_STEP));
  tools.zoomOut.addEventListener('click', () => zoom(1 / ZOOM_STEP));
  tools.fitWidth.addEventListener('click', () => void (viewer.currentScaleValue = 'page-width'));
  installFind(doc, tools, eventBus);
  installOutline(doc, tools.outlineButton, outline, pdf, linkService);

  // Highlights: the document's text is read once (all pages), then each drawn page paints its parts.
  const painter = new HighlightPainter();
  // The whole text, once read (or found kept from an earlier open of the same file).
  let text: PdfText | null = null;
  // What the highlights' places are laid out in: the whole text, or before it the first pages' text.
  let layout: PdfText | null = null;
  /** The PDF's highlights by id, and where each is in the text now (none: an orphan). */
  const highlights = new Map<string, HighlightRecord>();
  const spans = new Map<string, Span>();
  const layerOf = (pageIndex: number): Element | null =>
    pages.querySelector(`.page[data-page-number="${pageIndex + 1}"] .textLayer`);
  const pieceId = (id: string, page: number) => `${id}|${page}`;
  const idOf = (piece: string) => piece.slice(0, piece.lastIndexOf('|'));
  const pageOfPiece = (piece: string) => Number(piece.slice(piece.lastIndexOf('|') + 1));
  const pagesOf = (span: Span | undefined): number[] =>
    span && layout ? pagePieces(layout, span).map((piece) => piece.page) : [];
  /** Paints a drawn page's parts of the highlights afresh. */
  const paintPage = (pageIndex: number) => {
    for (const piece of painter.ids()) if (pageOfPiece(piece) === pageIndex) painter.erase(piece);
    const layer = layerOf(pageIndex);
    if (!layer || !layout) return;
    for (const [id, span] of spans) {
      const record = highlights.get(id);
      if (!record) continue;
      for (const piece of pagePieces(layout, span)) {
        if (piece.page !== pageIndex) continue;
        const range = layerRange(layer, piece.start, piece.end);
        if (range) painter.paint(pieceId(id, pageIndex), record.color, range);
      }
    }
  };
  const repaint = (touched: Iterable<number>) => {
    for (const page of new Set(touched)) if (layerOf(page)) paintPage(page);
  };
  /** Places one highlight (new or changed): found in the text, and the drawn pages it was or is on painted again. */
  const place = (record: HighlightRecord) => {
    const before = pagesOf(spans.get(record.id));
    highlights.set(record.id, record);
    const span = text ? anchorInPdf(text, record.target) : null;
    if (span) spans.set(record.id, span);
    else spans.delete(record.id);
    repaint([...before, ...pagesOf(span ?? undefined)]);
  };
  const drop = (id: string) => {
    const before = pagesOf(spans.get(id));
    highlights.delete(id);
    spans.delete(id);
    repaint(before);
  };
  /** Every highlight placed afresh in `within`, as `find` places them, and the drawn pages painted. */
  const showAll = (
    records: HighlightRecord[],
    within: PdfText,
    find: (doc: PdfText, targets: HighlightTarget[]) => (Span | null)[],
  ) => {
    highlights.clear();
    spans.clear();
    painter.clear();
    layout = within;
    for (const record of records) highlights.set(record.id, record);
    const found = find(
      within,
      records.map((record) => record.target),
    );
    records.forEach((record, i) => {
      const span = found[i];
      if (span) spans.set(record.id, span);
    });
    repaint(Array.from({ length: pdf.numPages }, (_, i) => i));
    screenPainted();
  };
  /** Notes (for `npm run bench:anchor -- --pdf`) when a drawn page first shows its highlights. */
  let drawn = false;
  const screenPainted = () => {
    if (drawn && layout && !performance.getEntriesByName('clearmark:pdf-screen-painted').length)
      performance.mark('clearmark:pdf-screen-painted');
  };
  let firstDrawn = () => {};
  const pageDrawn = new Promise<void>((resolve) => (firstDrawn = resolve));
  eventBus.on('textlayerrendered', ({ pageNumber }: { pageNumber: number }) => {
    drawn = true;
    firstDrawn();
    paintPage(pageNumber - 1);
    screenPainted();
  });
  /**
   * Scrolls to a highlight's first part, centred; false for an orphan. A page not drawn at the
   * present size (PDF.js hides its text until it is drawn, or has let it go) is brought into view
   * first, and the highlight once the page's text is drawn.
   */
  const reveal = (id: string): boolean => {
    const span = spans.get(id);
    const first = span && layout ? pagePieces(layout, span)[0] : undefined;
    if (!first) return false;
    const show = () => {
      const text = painter.rangeOf(pieceId(id, first.page))?.startContainer.parentElement;
      if (!text?.checkVisibility()) return false;
      text.scrollIntoView({ block: 'center' });
      return true;
    };
    if (!show()) {
      const drawn = ({ pageNumber }: { pageNumber: number }) => {
        if (pageNumber !== first.page + 1) return;
        eventBus.off('textlayerrendered', drawn);
        show();
      };
      eventBus.on('textlayerrendered', drawn);
      viewer.scrollPageIntoView({ pageNumber: first.page + 1 });
    }
    return true;
  };
  const page = {
    url: urn,
    title: opened.title,
    siteName: url.startsWith('file:') ? '' : siteNameOf(url) || hostOf(url),
    source: url,
  };
  // The popup asks this page what it asks a web page's content script.
  answerAsContentScript(doc.defaultView ?? window, {
    'page:info': () => ok(page),
    'article:state': () => ok({ isArticle: false, readerOpen: false }),
    'highlights:anchored': () =>
      ok({
        painted: [...spans.keys()],
        orphaned: text ? [...highlights.keys()].filter((id) => !spans.has(id)) : [],
      }),
    'highlight:reveal': ({ id }) => ok(reveal(id)),
  });
  /** A point of the selection as an offset in the document's text `text`; null outside every page. */
  const offsetOf = (text: PdfText, node: Node, offset: number): number | null => {
    const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
    const page = element?.closest<HTMLElement>('.page[data-page-number]');
    const index = Number(page?.dataset.pageNumber) - 1;
    const layer = page?.querySelector('.textLayer');
    const start = text.pageStarts[index];
    if (!layer || start === undefined) return null;
    return start + layerOffset(layer, node, offset);
  };
  const selectedRange = (): Range | null => {
    const selection = doc.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    const range = selection.getRangeAt(0);
    return container.contains(range.commonAncestorContainer) && range.toString().trim() ? range : null;
  };
  const describe = (range: Range): HighlightTarget | null => {
    if (!text) return null;
    const start = offsetOf(text, range.startContainer, range.startOffset);
    const end = offsetOf(text, range.endContainer, range.endOffset);
    return start !== null && end !== null ? pdfTarget(text, start, end) : null;
  };

  let color: HighlightColor = DEFAULT_SETTINGS.lastColor;
  const settingsRead = askBackground({ type: 'settings:get' }).then((settings) => {
    if (settings.ok) color = settings.value.lastColor;
  });
  let textPlaced = () => {};
  const placed = new Promise<void>((resolve) => (textPlaced = resolve));
  const create = async (target: HighlightTarget, chosen: HighlightColor, note = '') => {
    if (chosen !== color) void askBackground({ type: 'settings:set', settings: { lastColor: chosen } });
    color = chosen;
    const made = await askBackground({ type: 'highlight:create', page, color: chosen, note, target, origin: ORIGIN });
    if (made.ok) place(made.value);
    return made;
  };
  const cardHighlights: CardHighlights = {
    record: (id) => highlights.get(id),
    hitTest: (x, y) => {
      const piece = painter.hitTest(x, y, doc);
      return (piece && highlights.get(idOf(piece))) || null;
    },
    visibleRange: (id) => {
      const piece = painter.ids().find((p) => idOf(p) === id);
      return piece ? painter.rangeOf(piece) : undefined;
    },
    update: async (id, patch) => {
      const answer = await askBackground({ type: 'highlight:update', id, origin: ORIGIN, ...patch });
      if (answer.ok) place(answer.value);
      return answer;
    },
    remove: async (id) => {
      const answer = await askBackground({ type: 'highlight:delete', id, origin: ORIGIN });
      if (answer.ok) drop(id);
      return answer;
    },
    restore: async (record) => {
      const answer = await askBackground({ type: 'highlight:restore', highlight: record, origin: ORIGIN });
      if (answer.ok) place(answer.value);
      return answer;
    },
  };
  // The toolbar, Alt+Shift+H and the card, as on a web page, from the first page drawn: a highlight
  // asked for before the whole text is read (a long PDF's takes a while) is made once it is.
  const highlighting = installOwnPageHighlighting(
    doc,
    {
      ready: Promise.all([placed, settingsRead]),
      selectedRange: selectedRange,
      describe: describe,
      color: () => color,
      create,
      card: cardHighlights,
    },
    (listener) => events.onHighlightAsked(listener),
  );
  container.focus();
  const ask = () => askHighlights(urn);
  // The highlights are asked for while the text is looked up, unless they were as the kept text was found.
  const asked = early.then((before) => (before?.urn === urn ? before.answer : ask()));
  const kept = await keptTextOf(opened);
  if (!kept) {
    // Read here for the first time: the first pages' text is read at once and the highlights at
    // their place there painted, then, once the screen is drawn (PDF.js's worker serves one
    // request at a time), every page's text. Those placed early keep their place: it is the
    // first place the whole text is looked at too.
    const [firstPages, answer] = await Promise.all([readPdfText(pdf, FIRST_PAGES), asked]);
    showAll(answer.ok ? answer.value.highlights : [], firstPages, (doc, targets) =>
      targets.map((target) => atOldPlace(doc, target)),
    );
    await Promise.race([pageDrawn, new Promise((resolve) => setTimeout(resolve, DRAW_WAIT_MS))]);
  }
  const whole = kept ?? (await readPdfText(pdf));
  if (!kept) void keepPdfText(opened.sha, whole, urn);
  text = whole;
  performance.mark('clearmark:pdf-text-read');
  const first = await asked;
  // All at once: those whose words changed are looked for where their neighbours went.
  showAll(first.ok ? first.value.highlights : [], whole, anchorAllInPdf);
  // From the viewer's opening to every highlight placed in the text and those on drawn pages painted: `npm run bench:anchor -- --pdf`.
  performance.mark('clearmark:pdf-highlights-placed');
  textPlaced();
  // A change made elsewhere (the popup, the library, sync, another viewer): only what changed is placed again.
  events.subscribe((change) => {
    if (change.url === '*')
      return void ask().then((answer) => answer.ok && showAll(answer.value.highlights, whole, anchorAllInPdf));
    if (change.url !== urn) return;
    change.removed.forEach(drop);
    change.upserted.forEach(place);
  });

  return {
    urn,
    painted: () => [...new Set(painter.ids().map(idOf))],
    controls: () => highlighting.controls(),
  };
}

/** Find in the document, with PDF.js's find controller: Enter for the next match, Shift+Enter for the one before. */
function installFind(doc: Document, tools: ReturnType<typeof buildToolbar>, eventBus: EventBus): void {
  const dispatch = (type: string, findPrevious = false) =>
    eventBus.dispatch('find', {
      source: doc,
      type,
      query: tools.find.value,
      caseSensitive: false,
      entireWord: false,
      highlightAll: true,
      findPrevious,
      matchDiacritics: false,
    });
  tools.find.addEventListener('input', () => dispatch(''));
  tools.find.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    dispatch('again', event.shiftKey);
  });
  tools.findNext.addEventListener('click', () => dispatch('again'));
  tools.findPrevious.addEventListener('click', () => dispatch('again', true));
  eventBus.on(
    'updatefindmatchescount',
    ({ matchesCount }: { matchesCount: { current: number; total: number } }) =>
      void (tools.findResult.textContent = matchesCount.total
        ? t('pdfMatches', { current: String(matchesCount.current), total: String(matchesCount.total) })
        : ''),
  );
  eventBus.on(
    'updatefindcontrolstate',
    ({ state, matchesCount }: { state: number; matchesCount?: { current: number; total: number } }) => {
      // FindState.NOT_FOUND is 1.
      if (state === 1 && tools.find.value) tools.findResult.textContent = t('pdfFindNone');
      else if (matchesCount?.total)
        tools.findResult.textContent = t('pdfMatches', {
          current: String(matchesCount.current),
          total: String(matchesCount.total),
        });
    },
  );
  // Ctrl+F (⌘F) finds in the PDF, not in the viewer's page around it.
  doc.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'f') {
      event.preventDefault();
      tools.find.focus();
      tools.find.select();
    }
  });
}

interface OutlineItem {
  title: string;
  dest: string | unknown[] | null;
  items: OutlineItem[];
}

/** The document's outline, a list of links to its sections, shown beside the pages on a click. */
function installOutline(
  doc: Document,
  toggle: HTMLButtonElement,
  nav: HTMLElement,
  pdf: OpenedPdf['pdf'],
  linkService: PDFLinkService,
): void {
  let built = false;
  const list = (items: OutlineItem[]): HTMLUListElement => {
    const ul = doc.createElement('ul');
    for (const item of items) {
      const li = doc.createElement('li');
      const link = doc.createElement('a');
      link.href = '#';
      link.dir = 'auto';
      link.textContent = item.title;
      link.addEventListener('click', (event) => {
        event.preventDefault();
        if (item.dest) void linkService.goToDestination(item.dest);
      });
      li.append(link);
      if (item.items.length) li.append(list(item.items));
      ul.append(li);
    }
    return ul;
  };
  toggle.addEventListener('click', () => {
    nav.hidden = !nav.hidden;
    toggle.setAttribute('aria-expanded', String(!nav.hidden));
    doc.body.classList.toggle('pdf-outline-open', !nav.hidden);
    if (built) return;
    built = true;
    void pdf.getOutline().then((items: OutlineItem[] | null) => {
      if (items?.length) nav.append(list(items));
      else {
        const none = doc.createElement('p');
        none.textContent = t('pdfNoOutline');
        nav.append(none);
      }
    });
  });
}
