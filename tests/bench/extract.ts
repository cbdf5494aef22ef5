/**
 * npm run bench:extract -- [--corpus DIR] [--extractors clearmark,readability,defuddle] [--per-page N]
 *                          [--repeat N] [--json FILE] [--predictions DIR] [--half tune|check]
 * npm run bench:extract -- --explain URL-or-file-or-key [--corpus DIR]
 *
 * Runs Clearmark's extraction, @mozilla/readability (Firefox Reader View's engine) and defuddle
 * over every page of a corpus in the public article-extraction benchmark's format
 * (html/<key>.html.gz + ground-truth.json), on the same DOM implementation (jsdom), and prints
 * quality (precision, recall, F1, accuracy with the benchmark's metric), extraction time per page
 * (DOM parsing excluded; the fastest of `--repeat` runs, 3 by default) and each extractor's minified+gzipped bundle size, side by side.
 * `--extractors` chooses who runs; `--per-page N` lists the N pages where Clearmark scores worst,
 * with every extractor's F1 on them. Pages are read, parsed and let go one at a time, so a corpus
 * of thousands of pages runs in bounded memory; a page without a URL gets https://example.com/.
 *
 * Every corpus is split into fixed tune and check halves (corpus-halves.ts): F1 is reported for
 * each half beside the whole, and `--half` runs one half only. Tune on the tune half; keep a change
 * only when the check half improves too (docs/extraction.md). `--explain` prints one page's
 * removals, each with the rule that made it (explain.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { JSDOM, VirtualConsole } from 'jsdom';
import { Readability } from '@mozilla/readability';
import DefuddleModule from 'defuddle';
import { extractArticle } from '../../utils/engines/extraction';
import { blockText } from '../../utils/engines/extraction/article-text';
import { halves, type Half } from './corpus-halves';
import { corpusKeys, corpusPage, corpusTruth } from './corpus-files';
import { explain } from './explain';
import { score, shingleMatch, type Scores } from './shingle-metric';

const ROOT = resolve(import.meta.dirname, '../..');

function argument(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const corpus = resolve(argument('corpus', resolve(ROOT, '../shared/corpus/extraction-dev'))!);
const jsonOut = argument('json');
const chosen = (argument('extractors', 'clearmark,readability,defuddle') ?? '')
  .split(',')
  .map((n) => n.trim())
  .filter(Boolean);
const perPage = Number(argument('per-page', '0'));
/** Timed runs of each extractor on each page; its time there is the fastest of them. */
const repeat = Math.max(1, Number(argument('repeat', '3')));
/** Pages each extractor runs once, untimed, so its code is compiled before the timed pass. */
const WARM_UP_PAGES = 20;
/** Pages per child process: jsdom keeps every window it made until the process ends, and each page is parsed once per run. */
const BATCH_PAGES = Math.max(10, Math.floor(150 / repeat));
const predictionsOut = argument('predictions');
const halfAsked = argument('half');
if (halfAsked !== undefined && halfAsked !== 'tune' && halfAsked !== 'check')
  throw new Error(`--half takes tune or check (got ${halfAsked})`);
const onlyHalf: Half | undefined = halfAsked;

/** Block-aware text of an HTML fragment, the same conversion for every extractor's HTML output. */
function textOfHtml(doc: Document, html: string): string {
  const container = doc.createElement('div');
  container.innerHTML = html;
  return blockText(container);
}

const Defuddle = ((DefuddleModule as unknown as { Defuddle?: unknown }).Defuddle ?? DefuddleModule) as new (
  doc: Document,
  options?: object,
) => { parse(): { content: string } };

const EXTRACTORS: Record<
  string,
  { run: (doc: Document) => unknown; text: (doc: Document, output: unknown) => string; entry: string }
> = {
  clearmark: {
    run: (doc) => extractArticle(doc),
    text: (_doc, output) => (output as { text: string }).text,
    entry: `export { extractArticle } from ${JSON.stringify(resolve(ROOT, 'utils/engines/extraction/index.ts'))};`,
  },
  readability: {
    run: (doc) => new Readability(doc).parse(),
    text: (doc, output) => textOfHtml(doc, (output as { content?: string } | null)?.content ?? ''),
    entry: `export { Readability } from '@mozilla/readability';`,
  },
  defuddle: {
    run: (doc) => new Defuddle(doc).parse(),
    text: (doc, output) => textOfHtml(doc, (output as { content?: string }).content ?? ''),
    entry: `export { default } from 'defuddle';`,
  },
};

async function bundleGzipBytes(entry: string): Promise<number> {
  const result = await build({
    stdin: { contents: entry, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  return gzipSync(result.outputFiles[0]!.contents, { level: 9 }).length;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function main() {
  const explainWhat = argument('explain');
  if (explainWhat) return explain(explainWhat, corpus);
  const truthFile = corpusTruth(corpus);
  const allKeys = corpusKeys(corpus, truthFile);
  const split = halves(allKeys);
  const keys = onlyHalf ? split[onlyHalf] : allKeys;
  if (keys.length === 0) throw new Error(`No pages found in ${corpus}/html with entries in ground-truth.json`);
  const truth = Object.fromEntries(keys.map((k) => [k, truthFile[k]!.articleBody]));
  const virtualConsole = new VirtualConsole(); // pages' own console noise is not ours to print
  const unknown = chosen.filter((n) => !(n in EXTRACTORS));
  if (unknown.length || !chosen.length)
    throw new Error(
      `--extractors takes some of ${Object.keys(EXTRACTORS).join(', ')} (got ${chosen.join(', ') || 'none'})`,
    );
  const extractors = chosen.map((name) => [name, EXTRACTORS[name]!] as const);
  const readPage = (key: string) => ({
    key,
    html: corpusPage(corpus, key),
    url: truthFile[key]!.url || 'https://example.com/',
  });

  /** Runs the chosen extractors over some pages, one page in memory at a time, after a warm-up on the first of them. */
  const runPages = (batch: string[]) => {
    for (const key of batch.slice(0, WARM_UP_PAGES)) {
      const page = readPage(key);
      for (const [, extractor] of extractors) {
        const dom = new JSDOM(page.html, { url: page.url, virtualConsole });
        try {
          extractor.run(dom.window.document);
        } catch {
          /* reported in the timed pass */
        }
        dom.window.close();
      }
    }
    const predictions: Record<string, Record<string, string>> = Object.fromEntries(chosen.map((n) => [n, {}]));
    const times: Record<string, number[]> = Object.fromEntries(chosen.map((n) => [n, []]));
    for (const key of batch) {
      const page = readPage(key);
      for (const [name, extractor] of extractors) {
        // Each page's time is the fastest of REPEAT runs on fresh copies: a garbage collection or
        // a busy neighbour slows one run, never all of them.
        let fastest = Infinity;
        for (let run = 0; run < repeat; run++) {
          const dom = new JSDOM(page.html, { url: page.url, virtualConsole });
          const doc = dom.window.document;
          let output: unknown = null;
          const started = performance.now();
          try {
            output = extractor.run(doc);
          } catch (error) {
            if (run === 0) console.error(`${name} failed on ${page.key}: ${String(error)}`);
          }
          fastest = Math.min(fastest, performance.now() - started);
          if (run === 0) predictions[name]![page.key] = output === null ? '' : extractor.text(doc, output);
          dom.window.close();
        }
        times[name]!.push(fastest);
      }
    }
    return { predictions, times };
  };

  // A batch run by the parent (below): its pages' results to a file, and done.
  const batchArg = argument('batch');
  if (batchArg) {
    const [from, to] = batchArg.split(':').map(Number);
    writeFileSync(argument('batch-out')!, JSON.stringify(runPages(keys.slice(from, to))));
    return;
  }
  // jsdom lets go of a closed window's memory only when its process ends: pages run in child
  // processes of BATCH_PAGES each, so any number of pages runs in bounded memory.
  const predictions: Record<string, Record<string, string>> = Object.fromEntries(chosen.map((n) => [n, {}]));
  const times: Record<string, number[]> = Object.fromEntries(chosen.map((n) => [n, []]));
  const scratch = mkdtempSync(join(tmpdir(), 'clearmark-bench-'));
  for (let from = 0; from < keys.length; from += BATCH_PAGES) {
    const out = join(scratch, `${from}.json`);
    const args = ['--corpus', corpus, '--extractors', chosen.join(','), '--repeat', String(repeat)];
    if (onlyHalf) args.push('--half', onlyHalf);
    const child = spawnSync(
      resolve(ROOT, 'node_modules/.bin/vite-node'),
      [
        resolve(ROOT, 'tests/bench/extract.ts'),
        '--',
        ...args,
        '--batch',
        `${from}:${from + BATCH_PAGES}`,
        '--batch-out',
        out,
      ],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
    if (child.status !== 0) throw new Error(`the batch of pages from ${from} failed (exit ${child.status})`);
    const part = JSON.parse(readFileSync(out, 'utf8')) as ReturnType<typeof runPages>;
    for (const name of chosen) {
      Object.assign(predictions[name]!, part.predictions[name]);
      times[name]!.push(...part.times[name]!);
    }
    if (keys.length > BATCH_PAGES)
      console.error(`${Math.min(keys.length, from + BATCH_PAGES)} of ${keys.length} pages…`);
  }
  const results: Record<
    string,
    Scores & { medianMs: number; p95Ms: number; bundleGzipBytes: number; halves: Partial<Record<Half, Scores>> }
  > = {};
  const scoreOf = (name: string, of: string[]) =>
    score(Object.fromEntries(of.map((k) => [k, truth[k]!])), predictions[name]!);
  for (const [name, extractor] of extractors) {
    results[name] = {
      ...score(truth, predictions[name]!),
      halves: Object.fromEntries(
        (['tune', 'check'] as const)
          .filter((h) => !onlyHalf || h === onlyHalf)
          .map((h) => [h, scoreOf(name, split[h])]),
      ),
      medianMs: percentile(times[name]!, 50),
      p95Ms: percentile(times[name]!, 95),
      bundleGzipBytes: await bundleGzipBytes(extractor.entry),
    };
    if (predictionsOut) {
      mkdirSync(predictionsOut, { recursive: true });
      writeFileSync(
        resolve(predictionsOut, `${name}.json`),
        JSON.stringify(Object.fromEntries(keys.map((k) => [k, { articleBody: predictions[name]![k] }])), null, 1),
      );
    }
  }
  if (perPage > 0) {
    const f1 = (name: string, key: string) => {
      const [tp, fp, fn] = shingleMatch(truth[key]!, predictions[name]![key] ?? '');
      return tp + fp + fn > 0 ? (2 * tp) / (2 * tp + fp + fn) : 1;
    };
    const first = chosen[0]!;
    const worst = [...keys].sort((a, b) => f1(first, a) - f1(first, b)).slice(0, perPage);
    console.log(`The ${worst.length} pages where ${first} scores worst (per-page F1):`);
    console.log(`page${' '.repeat(28)}${chosen.map((n) => n.padStart(12)).join('')}`);
    for (const key of worst)
      console.log(`${key.slice(0, 30).padEnd(32)}${chosen.map((n) => f1(n, key).toFixed(3).padStart(12)).join('')}`);
  }

  const base = results.readability ?? results[chosen[0]!]!;
  const baseName = results.readability ? 'Readability' : chosen[0]!;
  console.log(
    `Corpus: ${corpus} (${keys.length} pages${onlyHalf ? `, its ${onlyHalf} half` : `: tune half ${split.tune.length}, check half ${split.check.length}`}), DOM: jsdom, in batches of ${BATCH_PAGES} pages, each after ${WARM_UP_PAGES} warm-up pages per extractor; each page's time the fastest of ${repeat} runs`,
  );
  console.log(
    `extractor     F1      precision recall  accuracy  median ms  p95 ms   gzip KB   F1 vs ${baseName}  time vs ${baseName}`,
  );
  for (const [name, r] of Object.entries(results)) {
    console.log(
      `${name.padEnd(12)}  ${r.f1.toFixed(4)}  ${r.precision.toFixed(4)}    ${r.recall.toFixed(4)}  ${r.accuracy.toFixed(3)}     ${r.medianMs.toFixed(2).padStart(7)}  ${r.p95Ms.toFixed(2).padStart(7)}  ${(r.bundleGzipBytes / 1024).toFixed(1).padStart(7)}   ${(r.f1 / base.f1).toFixed(3).padStart(8)}×          ${(r.medianMs / base.medianMs).toFixed(3).padStart(6)}×`,
    );
  }
  console.log(`\nF1 by half (tune on the tune half; keep a change only when the check half improves too)`);
  console.log(`extractor     tune F1  check F1   tune − ${baseName}  check − ${baseName}`);
  for (const [name, r] of Object.entries(results)) {
    const cell = (h: Half) => (r.halves[h] ? r.halves[h].f1.toFixed(4) : '   —  ');
    const lead = (h: Half) =>
      r.halves[h] && base.halves[h] ? (r.halves[h].f1 - base.halves[h].f1).toFixed(4).padStart(9) : '        —';
    console.log(`${name.padEnd(12)}  ${cell('tune')}   ${cell('check')}     ${lead('tune')}         ${lead('check')}`);
  }
  if (jsonOut) {
    const extractors = Object.fromEntries(
      Object.entries(results).map(([name, r]) => [
        name,
        {
          f1: r.f1,
          precision: r.precision,
          recall: r.recall,
          accuracy: r.accuracy,
          medianMs: r.medianMs,
          p95Ms: r.p95Ms,
          bundleGzipBytes: r.bundleGzipBytes,
          halves: Object.fromEntries(Object.entries(r.halves).map(([h, sc]) => [h, { f1: sc.f1, pages: sc.pages }])),
        },
      ]),
    );
    writeFileSync(
      jsonOut,
      JSON.stringify({ corpus, pages: keys.length, half: onlyHalf ?? 'both', extractors }, null, 2),
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
