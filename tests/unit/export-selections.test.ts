/**
 * Golden exports of highlights made the way a reader makes them, on a real fixture page: a
 * selection from a heading across paragraphs, one across <br> line breaks, one across list items,
 * described by the engine exactly as the content script describes a selection. Every format is
 * compared with its golden file (`npm run fixtures:update` rewrites them for review).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'vitest';
import { PageText } from '@/utils/engines/anchoring/page-text';
import { exportAs } from '@/utils/engines/export';
import type { HighlightRecord, PageRecord } from '@/utils/shared/model';
import { openHtml } from './fixture-window';
import { expectGolden } from './golden';

const FIXTURES = resolve(import.meta.dirname, '../fixtures');
const URL = 'https://coastal.example/2026/11/night-ferry';
const html = readFileSync(resolve(FIXTURES, 'rich-article/index.html'), 'utf8').replace(
  '</article>',
  '<ul><li>Lorries first,</li><li>then cyclists.</li></ul></article>',
);
const doc = openHtml(html, URL);
const text = new PageText(doc.body);
const index = text.index();
const select = (from: string, to: string) => {
  const start = index.text.indexOf(from);
  const end = index.text.indexOf(to, start) + to.length;
  if (start < 0 || end < start) throw new Error(`not in the page: ${from} … ${to}`);
  return text.describe(index.rangeOf(start, end), doc.querySelector('article'))!;
};

const at = Date.UTC(2026, 10, 28, 9);
const highlights: HighlightRecord[] = [
  {
    id: '7f1c0000-0000-4000-8000-000000000001',
    url: URL,
    color: 'yellow',
    note: 'Where the story turns',
    tags: ['ferries'],
    target: select('The night ferry', 'remembered the storms'),
    createdAt: at,
    updatedAt: at,
  },
  {
    id: '7f1c0000-0000-4000-8000-000000000002',
    url: URL,
    color: 'blue',
    note: '',
    target: select('Depart 23:00', 'Arrive 05:30'),
    createdAt: at + 1,
    updatedAt: at + 1,
  },
  {
    id: '7f1c0000-0000-4000-8000-000000000003',
    url: URL,
    color: 'green',
    note: 'Order of boarding\nkept for years',
    tags: ['ferries', 'logistics'],
    target: select('Lorries first', 'then cyclists.'),
    createdAt: at + 2,
    updatedAt: at + 2,
  },
];
const page: PageRecord = {
  url: URL,
  title: "The night ferry's last crossing",
  siteName: 'Coastal Review',
  author: 'Ines Moreau',
  publishedAt: '2026-11-27T18:00:00Z',
  createdAt: at,
  updatedAt: at + 2,
};
const source = {
  pages: [page],
  highlights,
  settings: {
    stripConsentBanners: true,
    backupReminder: false,
    lastBackupAt: 0,
    reader: { theme: 'auto', font: 'serif', size: 2, width: 'medium', spacing: 'normal', alwaysOpenSites: [] },
  } as never,
  everything: false,
};

describe('exports of real selections across paragraphs, lines and list items (golden files)', () => {
  it.each(['markdown', 'jsonld', 'csv', 'html'] as const)('%s', (format) => {
    expectGolden(resolve(FIXTURES, `export/selections.${format}.golden`), exportAs(format, source, at + 3).text);
  });
});
