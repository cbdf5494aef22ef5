/**
 * Which full-text index Clearmark keeps (docs/adr/0012-full-text-search.md): MiniSearch beside
 * FlexSearch on Clearmark's own workload — 1,000 saved articles of about 2,000 words and 10,000
 * highlights with notes, the words drawn from real news pages (the test fixtures' corpus) — with
 * the same word splitting (Intl.Segmenter) for both. Reports, side by side and as ratios: build
 * time, query time (median and p95) for body words, prefixes and one-letter typos, how often the
 * wanted article is found, the serialized index size (what IndexedDB keeps), reload time, and the
 * cost of one change (remove and add a highlight). Figures, never pass/fail.
 * Run: npm run bench:search [-- --articles N --json FILE]
 */
import MiniSearch from 'minisearch';
import FlexSearch from 'flexsearch';
import { random } from './random';
import { corpusSentences } from './corpus-sentences';
import { runBenchmark, writeJsonIfAsked } from './bench-run';

const argv = process.argv;
const ARTICLES = Number(argv[argv.indexOf('--articles') + 1] ?? 1000) || 1000;
const HIGHLIGHTS = ARTICLES * 10;
const QUERIES = 300;

type Doc = {
  id: string;
  kind: 'article' | 'highlight';
  title: string;
  text: string;
  [field: string]: string;
};

const segmenter = new Intl.Segmenter('und', { granularity: 'word' });
function words(text: string): string[] {
  const out: string[] = [];
  for (const s of segmenter.segment(text.toLowerCase())) if (s.isWordLike) out.push(s.segment);
  return out;
}

function workload(): { docs: Doc[]; bodyWords: string[]; articles: Doc[] } {
  const rand = random(7);
  const pool = corpusSentences();
  const pick = () => pool[Math.floor(rand() * pool.length)]!;
  const articles: Doc[] = [];
  for (let a = 0; a < ARTICLES; a++) {
    const parts: string[] = [];
    let count = 0;
    while (count < 2000) {
      const s = pick();
      parts.push(s);
      count += s.split(' ').length;
    }
    // One word of its own, so a query for it has one right answer.
    parts.splice(Math.floor(rand() * parts.length), 0, `The keeper wrote marker${a}word in the margin.`);
    articles.push({ id: `a${a}`, kind: 'article', title: pick().slice(0, 80), text: parts.join(' ') });
  }
  const docs: Doc[] = [...articles];
  for (let h = 0; h < HIGHLIGHTS; h++)
    docs.push({
      id: `h${h}`,
      kind: 'highlight',
      title: articles[h % ARTICLES]!.title,
      text: `${pick()} ${rand() < 0.3 ? pick() : ''}`,
    });
  return { docs, bodyWords: articles.map((_, a) => `marker${a}word`), articles };
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;

interface Engine {
  name: string;
  build(docs: Doc[]): void;
  search(query: string): string[];
  serialize(): Promise<string>;
  reload(data: string): Promise<void>;
  change(doc: Doc): void;
}

function miniSearch(): Engine {
  const options = {
    fields: ['title', 'text'],
    idField: 'id',
    tokenize: (text: string) => words(text),
    processTerm: (term: string) => term,
    searchOptions: { prefix: true, fuzzy: 0.2, boost: { title: 2 }, combineWith: 'AND' as const },
  };
  let index = new MiniSearch<Doc>(options);
  return {
    name: 'MiniSearch 7.2',
    build: (docs) => index.addAll(docs),
    search: (query) => index.search(query).map((r) => String(r.id)),
    serialize: () => Promise.resolve(JSON.stringify(index)),
    reload: (data) => {
      index = MiniSearch.loadJSON<Doc>(data, options);
      return Promise.resolve();
    },
    change: (doc) => {
      index.discard(doc.id);
      index.add(doc);
    },
  };
}

function flexSearch(): Engine {
  const make = () =>
    new FlexSearch.Document<Doc>({
      document: { id: 'id', index: ['title', 'text'] },
      tokenize: 'forward',
      encode: (text: string) => words(text),
    });
  let index = make();
  const search = (query: string) => {
    // Every word must match (as MiniSearch's AND): the intersection of each word's results.
    let found: string[] | null = null;
    for (const word of words(query)) {
      const ids = new Set<string>(index.search(word, { limit: 10_000 }).flatMap((r) => r.result.map(String)));
      found = found ? found.filter((id) => ids.has(id)) : [...ids];
    }
    return found ?? [];
  };
  return {
    name: 'FlexSearch 0.8',
    build: (docs) => {
      for (const d of docs) index.add(d);
    },
    search,
    serialize: async () => {
      const parts: Record<string, string> = {};
      // The export calls back synchronously in this version, once per part.
      index.export((key, data) => {
        parts[key] = data;
      });
      return JSON.stringify(parts);
    },
    reload: (data) => {
      index = make();
      for (const [key, value] of Object.entries(JSON.parse(data) as Record<string, string>)) index.import(key, value);
      return Promise.resolve();
    },
    change: (doc) => {
      index.remove(doc.id);
      index.add(doc);
    },
  };
}

/** A word with one letter changed (the typo), kept when the word is long enough to be found so. */
function typo(word: string, rand: () => number): string {
  const at = 1 + Math.floor(rand() * (word.length - 2));
  return word.slice(0, at) + (word[at] === 'e' ? 'a' : 'e') + word.slice(at + 1);
}

runBenchmark(async () => {
  const { docs, bodyWords, articles } = workload();
  console.log(
    `Workload: ${ARTICLES} articles (${Math.round(articles.reduce((n, a) => n + a.text.split(' ').length, 0) / ARTICLES)} words each on average), ${HIGHLIGHTS} highlights; ${QUERIES} queries of each kind.`,
  );
  const rand = random(11);
  const picks = Array.from({ length: QUERIES }, () => Math.floor(rand() * ARTICLES));
  // Real body words of six letters or more, for prefix and typo queries.
  const longWords = picks.map(
    (a) =>
      words(articles[a]!.text).filter((w) => w.length >= 7 && /^\p{L}+$/u.test(w))[Math.floor(rand() * 50)] ??
      'government',
  );
  const results: Record<string, Record<string, number>> = {};
  for (const engine of [miniSearch(), flexSearch()]) {
    const t0 = performance.now();
    engine.build(docs);
    const buildMs = performance.now() - t0;
    const time = (queries: string[], wanted?: (i: number, ids: string[]) => boolean) => {
      const ms: number[] = [];
      let hits = 0;
      queries.forEach((q, i) => {
        const start = performance.now();
        const ids = engine.search(q);
        ms.push(performance.now() - start);
        if (wanted?.(i, ids)) hits++;
      });
      return { median: percentile(ms, 50), p95: percentile(ms, 95), found: hits / queries.length };
    };
    const exact = time(
      picks.map((a) => bodyWords[a]!),
      (i, ids) => ids.includes(`a${picks[i]}`),
    );
    const common = time(longWords);
    const prefix = time(longWords.map((w) => w.slice(0, 4)));
    const typos = time(
      picks.map((a) => typo(bodyWords[a]!, rand)),
      (i, ids) => ids.includes(`a${picks[i]}`),
    );
    const serialized = await engine.serialize();
    const t1 = performance.now();
    await engine.reload(serialized);
    const reloadMs = performance.now() - t1;
    const changes: number[] = [];
    for (let i = 0; i < 200; i++) {
      const doc = docs[ARTICLES + Math.floor(rand() * HIGHLIGHTS)]!;
      const start = performance.now();
      engine.change({ ...doc, text: `${doc.text} edited` });
      changes.push(performance.now() - start);
    }
    results[engine.name] = {
      buildMs,
      exactMedianMs: exact.median,
      exactP95Ms: exact.p95,
      exactFound: exact.found,
      commonWordP95Ms: common.p95,
      prefixP95Ms: prefix.p95,
      typoP95Ms: typos.p95,
      typoFound: typos.found,
      indexBytes: Buffer.byteLength(serialized),
      reloadMs,
      changeMedianMs: percentile(changes, 50),
    };
  }
  const [mini, flex] = Object.values(results) as [Record<string, number>, Record<string, number>];
  console.log(
    `\n${'figure'.padEnd(22)}${'MiniSearch'.padStart(14)}${'FlexSearch'.padStart(14)}${'Mini/Flex'.padStart(12)}`,
  );
  for (const key of Object.keys(mini)) {
    const a = mini[key]!;
    const b = flex[key]!;
    const fmt = (v: number) =>
      key.endsWith('Found')
        ? `${(v * 100).toFixed(0)}%`
        : key === 'indexBytes'
          ? `${(v / 1e6).toFixed(1)} MB`
          : v.toFixed(2);
    console.log(
      `${key.padEnd(22)}${fmt(a).padStart(14)}${fmt(b).padStart(14)}${(b ? (a / b).toFixed(2) + '×' : '—').padStart(12)}`,
    );
  }
  writeJsonIfAsked({ articles: ARTICLES, highlights: HIGHLIGHTS, results });
});
