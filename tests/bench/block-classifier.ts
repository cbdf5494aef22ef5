/**
 * npm run bench:classifier -- [--corpora DIR,DIR]
 *
 * The experiment behind ADR 0018: would a small learned block classifier, trained on the tune
 * halves, improve extraction on the check halves? For every page of the development corpora the
 * engine extracts the article; each block it keeps (leafBlocks) gets a few features (length, link
 * share, position, tag, punctuation, digits, capitals, class words around it) and a label (are
 * most of its 4-word shingles in the human-judged text?). A logistic regression is trained on the
 * tune halves' blocks, its threshold chosen on the tune halves, and then it drops blocks on the
 * check halves. Printed: F1 of the kept blocks with and without the classifier, per corpus and half.
 * The weights are printed too: checking them in is what adopting it would take.
 */
import { resolve } from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import { extractArticle } from '../../utils/engines/extraction';
import { elementKind, linkShare } from '../../utils/engines/extraction/element-kinds';
import { leafBlocks } from '../../utils/engines/extraction/leaf-blocks';
import { halves, type Half } from './corpus-halves';
import { corpusKeys, corpusPage, corpusTruth } from './corpus-files';
import { score, shingles } from './shingle-metric';

const ROOT = resolve(import.meta.dirname, '../..');
const argument = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const corpora = argument(
  'corpora',
  ['extraction-dev', 'dragnet-dev'].map((c) => resolve(ROOT, '../shared/corpus', c)).join(','),
).split(',');

interface Block {
  features: number[];
  label: number;
  text: string;
}
interface Page {
  corpus: string;
  key: string;
  half: Half;
  truth: string;
  blocks: Block[];
}

const FEATURES = [
  'bias',
  'log chars',
  'link share',
  'position',
  'heading',
  'paragraph',
  'list item',
  'ends a sentence',
  'commas per 100 chars',
  'digit share',
  'capital share',
  'boilerplate names above',
  'in a figure',
  'short',
];

function featuresOf(el: Element, text: string, index: number, count: number, root: Element): number[] {
  const tag = el.tagName.toUpperCase();
  const letters = text.replace(/[^\p{L}]/gu, '');
  let named = 0;
  for (let e: Element | null = el; e && e !== root; e = e.parentElement) if (elementKind(e).named < 0) named++;
  return [
    1,
    Math.log1p(text.length) / 8,
    linkShare(el),
    count > 1 ? index / (count - 1) : 0,
    /^H[1-6]$/.test(tag) ? 1 : 0,
    tag === 'P' ? 1 : 0,
    tag === 'LI' ? 1 : 0,
    /[.!?。！？»"”)]$/.test(text) ? 1 : 0,
    Math.min(1, ((text.match(/[,，、]/g)?.length ?? 0) * 100) / Math.max(1, text.length) / 3),
    (text.match(/\p{N}/gu)?.length ?? 0) / Math.max(1, text.length),
    letters ? (letters.match(/\p{Lu}/gu)?.length ?? 0) / letters.length : 0,
    Math.min(1, named / 2),
    el.closest('figure, figcaption') ? 1 : 0,
    text.length < 40 ? 1 : 0,
  ];
}

function readCorpus(dir: string): Page[] {
  const truth = corpusTruth(dir);
  const keys = corpusKeys(dir, truth);
  const split = halves(keys);
  const tune = new Set(split.tune);
  const virtualConsole = new VirtualConsole();
  return keys.map((key) => {
    const html = corpusPage(dir, key);
    const dom = new JSDOM(html, { url: truth[key]!.url || 'https://example.com/', virtualConsole });
    const article = extractArticle(dom.window.document);
    const body = truth[key]!.articleBody;
    const truthShingles = shingles(body);
    const kept = article.detection.root ? leafBlocks(article.detection) : [];
    const blocks = kept.map(({ el, text }, i) => {
      const own = shingles(text);
      let inTruth = 0;
      let all = 0;
      for (const [s, n] of own) {
        all += n;
        inTruth += Math.min(n, truthShingles.get(s) ?? 0);
      }
      return {
        features: featuresOf(el, text, i, kept.length, article.detection.root!),
        label: all > 0 && inTruth / all >= 0.5 ? 1 : 0,
        text,
      };
    });
    dom.window.close();
    return { corpus: dir, key, half: tune.has(key) ? 'tune' : 'check', truth: body, blocks } satisfies Page;
  });
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const predict = (w: number[], x: number[]) => sigmoid(x.reduce((sum, v, i) => sum + v * w[i]!, 0));

/** Logistic regression by full-batch gradient descent with a little L2, a fixed number of steps (no randomness). */
function train(blocks: Block[], steps = 600, rate = 0.5, l2 = 1e-3): number[] {
  const w = new Array<number>(FEATURES.length).fill(0);
  for (let step = 0; step < steps; step++) {
    const gradient = new Array<number>(FEATURES.length).fill(0);
    for (const { features, label } of blocks) {
      const error = predict(w, features) - label;
      for (let i = 0; i < w.length; i++) gradient[i]! += error * features[i]!;
    }
    for (let i = 0; i < w.length; i++) w[i]! -= rate * (gradient[i]! / blocks.length + (i ? l2 * w[i]! : 0));
  }
  return w;
}

function f1Of(pages: Page[], keep: (b: Block) => boolean): number {
  const truth = Object.fromEntries(pages.map((p) => [`${p.corpus}/${p.key}`, p.truth]));
  const predictions = Object.fromEntries(
    pages.map((p) => [
      `${p.corpus}/${p.key}`,
      p.blocks
        .filter(keep)
        .map((b) => b.text)
        .join('\n\n'),
    ]),
  );
  return score(truth, predictions).f1;
}

function main() {
  const pages = corpora.flatMap((dir) => {
    console.error(`reading ${dir}…`);
    return readCorpus(dir);
  });
  const tuneBlocks = pages.filter((p) => p.half === 'tune').flatMap((p) => p.blocks);
  const w = train(tuneBlocks);
  // The threshold that helps the tune halves most (blocks below it are dropped).
  const thresholds = [0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5];
  const tunePages = pages.filter((p) => p.half === 'tune');
  const chosen = thresholds.reduce((best, t) =>
    f1Of(tunePages, (b) => predict(w, b.features) >= t) > f1Of(tunePages, (b) => predict(w, b.features) >= best)
      ? t
      : best,
  );
  console.log(`Blocks: ${tuneBlocks.length} on the tune halves (${tuneBlocks.filter((b) => b.label).length} article)`);
  console.log(`Weights: ${FEATURES.map((f, i) => `${f} ${w[i]!.toFixed(2)}`).join(', ')}`);
  console.log(`Threshold chosen on the tune halves: ${chosen}`);
  console.log('corpus            half    blocks F1   with the classifier   change');
  for (const dir of corpora)
    for (const half of ['tune', 'check'] as const) {
      const of = pages.filter((p) => p.corpus === dir && p.half === half);
      const before = f1Of(of, () => true);
      const after = f1Of(of, (b) => predict(w, b.features) >= chosen);
      console.log(
        `${dir.split('/').pop()!.padEnd(16)}  ${half.padEnd(6)}  ${before.toFixed(4)}      ${after.toFixed(4)}              ${(after - before >= 0 ? '+' : '') + (after - before).toFixed(4)}`,
      );
    }
}

main();
