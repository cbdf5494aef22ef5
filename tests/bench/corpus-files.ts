/**
 * A corpus in the article-extraction benchmark's format, as the benchmarks read it: the
 * human-judged texts in `ground-truth.json`, and each page at `html/<key>.html.gz`. One reader, so
 * every benchmark sees the same pages in the same order.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

export type CorpusTruth = Record<string, { articleBody: string; url?: string }>;

/** The human-judged text (and address) of each page. */
export function corpusTruth(dir: string): CorpusTruth {
  return JSON.parse(readFileSync(resolve(dir, 'ground-truth.json'), 'utf8')) as CorpusTruth;
}

/** The keys of the corpus's pages, sorted; with `truth`, only the pages that have a judged text. */
export function corpusKeys(dir: string, truth?: CorpusTruth): string[] {
  return readdirSync(resolve(dir, 'html'))
    .filter((f) => f.endsWith('.html.gz'))
    .map((f) => f.slice(0, -'.html.gz'.length))
    .filter((k) => !truth || k in truth)
    .sort();
}

/** One page's HTML. */
export function corpusPage(dir: string, key: string): string {
  return gunzipSync(readFileSync(resolve(dir, 'html', `${key}.html.gz`))).toString('utf8');
}
