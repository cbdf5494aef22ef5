/**
 * npm run bench:metadata [-- --corpus DIR] [--truth FILE]
 *
 * Title, byline and date accuracy of Clearmark's extraction beside Readability's, against the
 * hand-written truth in tests/fixtures/metadata-truth (for ../shared/corpus/extraction-dev).
 * Titles match when equal after folding case, quotes and spaces; bylines when they share at least
 * half their name words; dates when on the same day (a day either side counts: time zones).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { JSDOM, VirtualConsole } from 'jsdom';
import { Readability } from '@mozilla/readability';
import { extractArticle } from '../../utils/engines/extraction';

const ROOT = resolve(import.meta.dirname, '../..');
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const corpus = resolve(arg('corpus', resolve(ROOT, '../shared/corpus/extraction-dev')));
const truth = JSON.parse(
  readFileSync(resolve(arg('truth', resolve(ROOT, 'tests/fixtures/metadata-truth/extraction-dev.json'))), 'utf8'),
) as Record<string, { title: string; byline: string; published: string }>;
const urls = JSON.parse(readFileSync(resolve(corpus, 'ground-truth.json'), 'utf8')) as Record<string, { url?: string }>;

const fold = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’'"“”]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
const nameWords = (s: string) =>
  new Set(
    fold(s)
      .replace(/^by\s+/, '')
      .match(/[\p{L}\p{N}]+/gu) ?? [],
  );
function sameByline(truthByline: string, got: string): boolean {
  const t = nameWords(truthByline);
  const g = nameWords(got);
  if (!t.size) return g.size === 0;
  let shared = 0;
  for (const w of t) if (g.has(w)) shared++;
  return shared >= Math.ceil(t.size / 2) && shared >= g.size / 2;
}
function dayOf(value: string | null | undefined): number | null {
  if (!value) return null;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00Z` : value);
  return Number.isNaN(ms) ? null : Math.floor(ms / 86_400_000);
}
const sameDay = (truthDay: string, got: string | null | undefined) => {
  const t = dayOf(truthDay);
  const g = dayOf(got);
  return t !== null && g !== null && Math.abs(t - g) <= 1;
};

const score = { clearmark: { title: 0, byline: 0, date: 0 }, readability: { title: 0, byline: 0, date: 0 } };
let dated = 0;
const keys = Object.keys(truth);
const misses: string[] = [];
for (const key of keys) {
  const html = gunzipSync(readFileSync(resolve(corpus, 'html', `${key}.html.gz`))).toString('utf8');
  const make = () =>
    new JSDOM(html, { url: urls[key]?.url || 'https://example.com/', virtualConsole: new VirtualConsole() });
  const a = make();
  const ours = extractArticle(a.window.document);
  a.window.close();
  const b = make();
  const theirs = new Readability(b.window.document).parse();
  b.window.close();
  const t = truth[key]!;
  const got = {
    clearmark: { title: ours.title, byline: ours.byline, date: ours.publishedAt },
    readability: { title: theirs?.title ?? '', byline: theirs?.byline ?? '', date: theirs?.publishedTime ?? '' },
  };
  if (t.published) dated++;
  for (const [name, g] of Object.entries(got) as [keyof typeof score, (typeof got)['clearmark']][]) {
    if (fold(g.title) === fold(t.title)) score[name].title++;
    else if (name === 'clearmark') misses.push(`${key.slice(0, 12)} title: “${g.title}” (truth “${t.title}”)`);
    if (sameByline(t.byline, g.byline)) score[name].byline++;
    else if (name === 'clearmark') misses.push(`${key.slice(0, 12)} byline: “${g.byline}” (truth “${t.byline}”)`);
    if (t.published && sameDay(t.published, g.date)) score[name].date++;
    else if (t.published && name === 'clearmark')
      misses.push(`${key.slice(0, 12)} date: “${g.date}” (truth ${t.published})`);
  }
}
console.log(`Metadata on ${keys.length} pages (${dated} with a date), against tests/fixtures/metadata-truth`);
console.log('extractor     title        byline       date');
const pct = (n: number, of: number) => `${n}/${of} ${((100 * n) / of).toFixed(0)}%`.padEnd(13);
for (const [name, s] of Object.entries(score))
  console.log(`${name.padEnd(12)}  ${pct(s.title, keys.length)}${pct(s.byline, keys.length)}${pct(s.date, dated)}`);
console.log('\nWhere Clearmark misses:');
for (const m of misses) console.log(`  ${m}`);
