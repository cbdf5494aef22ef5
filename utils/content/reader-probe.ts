/**
 * The `reader:get` probe for an open reader view (test-probes.ts says why probes exist): its text,
 * controls, first paragraphs, links, pictures and measure. Loaded with the reader's code, and only
 * in the test build (reader-controller.ts), since it measures what that code shows.
 */
import { blockText } from '../engines/extraction/article-text';
import { boxOf, type Box } from '../shared/box';
import type { ReaderSettings } from '../shared/model';
import type { ReaderState } from '../shared/protocol';

/** The open reader view as a probe sees it. */
export interface ShownReader {
  body: HTMLElement;
  controls: Record<string, Box>;
  selectedText: string;
  settings: ReaderSettings;
  /** The highlights drawn in the view: color, text and the box of their first line. */
  highlights: { color: string; text: string; box: Box | null }[];
}

/** `reader:get` for an open view: its text and settings, and where its controls and first paragraphs are. */
export function readerProbe(shown: ShownReader): ReaderState {
  const { body } = shown;
  return {
    open: true,
    text: blockText(body),
    header: Array.from(body.closest('.page')?.querySelectorAll('.head > *') ?? [], (line) =>
      line.textContent.replace(/\s+/g, ' ').trim(),
    ),
    standfirst: body.closest('.page')?.querySelector('.standfirst')?.textContent ?? '',
    settings: shown.settings,
    controls: shown.controls,
    paragraphs: Array.from(body.querySelectorAll('p'))
      .slice(0, 3)
      .map((p) => boxOf(p)),
    selectedText: shown.selectedText,
    links: Array.from(body.querySelectorAll('a[href]'), (a) => a.getAttribute('href') ?? ''),
    images: Array.from(
      body.querySelectorAll('img, source'),
      (i) => i.getAttribute('src') ?? i.getAttribute('srcset') ?? '',
    ),
    imagesTakingRoom: Array.from(body.querySelectorAll('img')).flatMap((img) => {
      const box = img.getBoundingClientRect();
      // An image without an address in the view is one held for the reader's word (article-html.ts).
      return box.width > 0 || box.height > 0 ? [img.getAttribute('src') ?? 'held'] : [];
    }),
    figures: Array.from(body.querySelectorAll('figure'), (f) => ({
      src: f.querySelector('img')?.getAttribute('src') ?? '',
      caption: (f.querySelector('figcaption')?.textContent ?? '').trim(),
    })),
    tables: body.querySelectorAll('table').length,
    overflowRight: Math.max(0, body.scrollWidth - body.clientWidth),
    unsafeAttributes: Array.from(body.querySelectorAll('*')).flatMap((el) =>
      el.getAttributeNames().filter((n) => n.startsWith('on') || n === 'style' || n === 'class' || n === 'id'),
    ),
    charactersPerLine: charactersPerLine(body),
    swatches: swatchColors(body),
    highlights: shown.highlights,
  };
}

/** Median characters per line over the paragraphs of four lines or more (the last line counted as half). */
function charactersPerLine(body: HTMLElement): number {
  const view = body.ownerDocument.defaultView;
  if (!view) return 0;
  const counts: number[] = [];
  for (const p of Array.from(body.querySelectorAll('p'))) {
    const range = body.ownerDocument.createRange();
    range.selectNodeContents(p);
    const lineHeight = parseFloat(view.getComputedStyle(p).lineHeight) || 30;
    const tops = Array.from(range.getClientRects(), (r) => r.top).sort((a, b) => a - b);
    let lines = 0;
    let last = -Infinity;
    for (const top of tops) {
      if (top - last > lineHeight / 2) lines++;
      last = top;
    }
    const text = p.textContent.replace(/\s+/g, ' ').trim();
    if (lines >= 4) counts.push(text.length / (lines - 0.5));
  }
  counts.sort((a, b) => a - b);
  return Math.round(counts[Math.floor(counts.length / 2)] ?? 0);
}

/** The theme swatches' colors, from the reader's shadow root that holds the body. */
function swatchColors(body: HTMLElement): Record<string, { color: string; background: string }> {
  const view = body.ownerDocument.defaultView;
  const root = body.getRootNode() as ParentNode;
  const out: Record<string, { color: string; background: string }> = {};
  if (!view) return out;
  for (const chip of Array.from(root.querySelectorAll<HTMLElement>('[data-control^="theme-"]'))) {
    const style = view.getComputedStyle(chip);
    out[chip.getAttribute('data-control') ?? ''] = { color: style.color, background: style.backgroundColor };
  }
  return out;
}
