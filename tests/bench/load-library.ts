/**
 * Libraries and pages for the load checks: a backup of `total` highlights, `onPage` of them on
 * one long generated article (each on a sentence of its own), the rest spread over other pages.
 */
import { toBackup } from '../../utils/engines/export/backup';
import { DEFAULT_SETTINGS, HIGHLIGHT_COLORS, type HighlightRecord, type PageRecord } from '../../utils/shared/model';

/**
 * The page's own long-task recorder, first thing in <head> (long-task entries are not buffered,
 * so an observer must exist before the work it is to see): `window.longTasks` gets each task's
 * start and duration.
 */
export const LONG_TASK_RECORDER = `<script>window.longTasks=[];new PerformanceObserver(function(l){l.getEntries().forEach(function(e){window.longTasks.push({start:e.startTime,duration:e.duration})})}).observe({entryTypes:['longtask']});</script>`;

/** A long article whose paragraph i holds the sentence `sentence(i)`. */
export function longArticle(paragraphs: number): string {
  const body = Array.from(
    { length: paragraphs },
    (_, i) => `<p>Paragraph ${i} opens plainly. ${sentence(i)} It closes with a few more words of ordinary text.</p>`,
  ).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">${LONG_TASK_RECORDER}<title>A very long article</title></head><body><article><h1>A very long article</h1>\n${body}\n</article></body></html>`;
}

/** A page with nothing to highlight, recording its long tasks likewise. */
export function plainPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">${LONG_TASK_RECORDER}<title>Plain page</title></head><body><p>Nothing highlighted here.</p></body></html>`;
}

export function sentence(i: number): string {
  return `Observation number ${i} was recorded by the survey team at dawn.`;
}

export function loadBackup(total: number, onPage: number, pageUrl: string): string {
  const pages: PageRecord[] = [];
  const highlights: HighlightRecord[] = [];
  const t0 = Date.UTC(2025, 0, 1);
  pages.push({
    url: pageUrl,
    title: 'A very long article',
    siteName: '127.0.0.1',
    author: '',
    publishedAt: '',
    createdAt: t0,
    updatedAt: t0,
  });
  for (let i = 0; i < onPage; i++) {
    const exact = sentence(i);
    highlights.push(record(`c${String(i).padStart(11, '0')}`, pageUrl, exact, i * 120, t0 + i));
  }
  const others = total - onPage;
  const perPage = 10;
  for (let p = 0; p < others / perPage; p++) {
    const url = `https://load${p % 97}.example/story/${p}`;
    pages.push({
      url,
      title: `Story ${p}`,
      siteName: `Load ${p % 97}`,
      author: '',
      publishedAt: '',
      createdAt: t0 + p,
      updatedAt: t0 + p,
    });
    for (let h = 0; h < perPage; h++)
      highlights.push(
        record(
          `d${String(p * perPage + h).padStart(11, '0')}`,
          url,
          `Some highlighted words ${p}-${h} on another page`,
          h * 300,
          t0 + p * perPage + h,
        ),
      );
  }
  return toBackup(pages, highlights, DEFAULT_SETTINGS);
}

function record(suffix: string, url: string, exact: string, start: number, at: number): HighlightRecord {
  return {
    id: `e0000000-0000-4000-8000-${suffix.replace(/^c/, '1').replace(/^d/, '2')}`,
    url,
    color: HIGHLIGHT_COLORS[at % 5]!,
    note: '',
    target: {
      quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start, end: start + exact.length },
    },
    createdAt: at,
    updatedAt: at,
  };
}
