/**
 * A small library with the text exports must survive: markup and script, CDATA ends, spreadsheet
 * formulas, emoji (astral code points), right-to-left text, quotes, commas and line breaks.
 */
import type { HighlightRecord, PageRecord, Settings } from '@/utils/shared/model';
import { DEFAULT_SETTINGS } from '@/utils/shared/model';

export const EXPORTED_AT = Date.UTC(2026, 10, 25, 6, 30, 0);

export const SAMPLE_PAGES: PageRecord[] = [
  {
    url: 'https://news.example/2025/03/markets',
    title: 'Markets <script>alert("title")</script> & "quotes"',
    siteName: 'News Example',
    author: 'Ana Écrivain',
    publishedAt: '2025-03-14T09:00:00Z',
    createdAt: Date.UTC(2026, 0, 2),
    updatedAt: Date.UTC(2026, 0, 3),
  },
  {
    url: 'https://rtl.example/مقالة',
    title: 'مقالة عن الأسواق',
    siteName: 'RTL Example',
    author: '',
    publishedAt: '',
    createdAt: Date.UTC(2026, 1, 1),
    updatedAt: Date.UTC(2026, 1, 2),
  },
];

const target = (exact: string, start: number, documentStart = start) => ({
  quote: { type: 'TextQuoteSelector' as const, exact, prefix: 'before ', suffix: ' after' },
  position: { type: 'TextPositionSelector' as const, start, end: start + exact.length },
  documentPosition: { start: documentStart, end: documentStart + Array.from(exact).length },
});

export const SAMPLE_HIGHLIGHTS: HighlightRecord[] = [
  {
    id: '00000000-0000-4000-8000-000000000002',
    url: SAMPLE_PAGES[0]!.url,
    color: 'green',
    note: "=cmd|' /C calc'!A0",
    target: {
      ...target('Shares rose 60% 📈 after the news, "a lot", they said.', 120, 118),
      display: 'Shares rose 60% 📈 after the news,\n\n"a lot", they said.',
    },
    tags: ['AI policy', '<b>markets</b>', '2026'],
    createdAt: Date.UTC(2026, 0, 3, 10),
    updatedAt: Date.UTC(2026, 0, 3, 11),
  },
  {
    id: '00000000-0000-4000-8000-000000000001',
    url: SAMPLE_PAGES[0]!.url,
    color: 'yellow',
    note: 'First line\nsecond line with <b>markup</b> and ]]> and # not a heading',
    target: target('<script>alert(1)</script> is shown as text]]>', 40),
    createdAt: Date.UTC(2026, 0, 2, 10),
    updatedAt: Date.UTC(2026, 0, 2, 10),
  },
  {
    id: '00000000-0000-4000-8000-000000000003',
    url: SAMPLE_PAGES[1]!.url,
    color: 'purple',
    note: '',
    target: target('ارتفعت الأسهم بنسبة ستين في المئة', 10),
    createdAt: Date.UTC(2026, 1, 1, 8),
    updatedAt: Date.UTC(2026, 1, 1, 8),
  },
];

export const SAMPLE_SETTINGS: Settings = {
  ...DEFAULT_SETTINGS,
  reader: { ...DEFAULT_SETTINGS.reader, theme: 'sepia', alwaysOpenSites: ['news.example'] },
};

/** A PDF, kept under its fingerprint, read at a web address; and a highlight on its third page. */
export const SAMPLE_PDF_PAGE: PageRecord = {
  url: 'urn:x-pdf:6e1f2a0b9c8d7e6f5a4b3c2d1e0f9a8b',
  source: 'https://papers.example/tides.pdf',
  title: 'Tides',
  siteName: 'papers.example',
  createdAt: 1,
  updatedAt: 1,
};
export const SAMPLE_PDF_HIGHLIGHT: HighlightRecord = {
  ...SAMPLE_HIGHLIGHTS[0]!,
  url: SAMPLE_PDF_PAGE.url,
  target: { quote: SAMPLE_HIGHLIGHTS[0]!.target.quote, position: SAMPLE_HIGHLIGHTS[0]!.target.position, page: 3 },
};
