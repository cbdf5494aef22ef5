/**
 * A generated library (as a Clearmark backup) for sync's browser tests and benchmark: `pages`
 * pages, `perPage` highlights each, and saved copies made of the first pages by `articles`.
 */
import { toBackup } from '../utils/engines/export/backup';
import {
  DEFAULT_SETTINGS,
  HIGHLIGHT_COLORS,
  type HighlightRecord,
  type PageRecord,
  type SavedArticle,
} from '../utils/shared/model';

export function generatedBackup(
  pages: number,
  perPage: number,
  origin = 'https://articles.example',
  articles: (pages: PageRecord[]) => SavedArticle[] = () => [],
): { text: string; highlights: number; articles: number } {
  const pageRecords: PageRecord[] = [];
  const highlights: HighlightRecord[] = [];
  const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
  // Ids differ between origins, so two generated libraries are two sets of highlights.
  const seed = Array.from(origin).reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 0xffff, 7);
  for (let p = 0; p < pages; p++) {
    const url = `${origin}/2026/story-${p}`;
    const at = Date.UTC(2026, 0, 1) + p * 60_000;
    pageRecords.push({
      url,
      title: `Story number ${p}: what the river keeps`,
      siteName: 'Articles Example',
      author: `Writer ${p % 17}`,
      publishedAt: '2026-01-01',
      createdAt: at,
      updatedAt: at,
    });
    for (let i = 0; i < perPage; i++) {
      const n = p * perPage + i;
      const exact = `Sentence ${i} of story ${p}, worth keeping for later.`;
      highlights.push({
        id: `${hex(n, 8)}-${hex(seed, 4)}-4000-8000-${hex(p, 12)}`,
        url,
        color: HIGHLIGHT_COLORS[n % HIGHLIGHT_COLORS.length]!,
        note: n % 3 === 0 ? `A note on sentence ${i} of story ${p}.` : '',
        target: {
          quote: { type: 'TextQuoteSelector', exact, prefix: 'before ', suffix: ' after' },
          position: { type: 'TextPositionSelector', start: i * 100, end: i * 100 + exact.length },
        },
        ...(n % 4 === 0 ? { tags: ['river', `story-${p % 10}`] } : {}),
        createdAt: at + i,
        updatedAt: at + i,
      });
    }
  }
  const copies = articles(pageRecords);
  return {
    text: toBackup(pageRecords, highlights, DEFAULT_SETTINGS, copies),
    highlights: highlights.length,
    articles: copies.length,
  };
}
