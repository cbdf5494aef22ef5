/**
 * Fuzzing the engines on generated documents — a fixed number of them, never a time budget, so a
 * slow or busy machine takes longer but never fails for it:
 * random trees of the elements real pages are made of, with class names that look like clutter,
 * hostile text, scripts, deep and wide shapes. Extraction and consent detection never throw and
 * never change the document; an article's text comes from the page; a banner is never the
 * article; anchoring finds exactly what was selected and never lands on text below the floor.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anchor, describe as describeRange, MAX_EDIT_SHARE } from '@/utils/engines/anchoring/anchor';
import { PageText } from '@/utils/engines/anchoring/page-text';
import { TextIndex } from '@/utils/engines/anchoring/text-index';
import { findConsentBanners } from '@/utils/engines/consent/find-banners';
import { extractArticle } from '@/utils/engines/extraction';

/** How many documents each property sees: `FUZZ_RUNS=20000 npm run fuzz` explores further. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 600);
/** Generous: a run on a busy 2-core machine may take many times as long as on an idle one. */
const TIMEOUT_MS = 600_000;
/**
 * CI runs a fixed seed, so a run is repeatable and a red build always means a change broke
 * something; `FUZZ_SEED=<n> npx vitest run tests/unit/fuzz.test.ts` (or `FUZZ_SEED=random`)
 * explores further, and any seed that finds a bug becomes a fixed case once it is fixed.
 */
const SEED = process.env.FUZZ_SEED === 'random' ? Date.now() : Number(process.env.FUZZ_SEED ?? 20_261_125);
const RUN = { numRuns: RUNS, seed: SEED } as const;

const TAGS = [
  'div',
  'section',
  'article',
  'main',
  'aside',
  'nav',
  'header',
  'footer',
  'p',
  'span',
  'a',
  'em',
  'b',
  'h1',
  'h2',
  'h3',
  'ul',
  'li',
  'figure',
  'figcaption',
  'img',
  'br',
  'table',
  'tr',
  'td',
  'pre',
  'code',
  'blockquote',
  'button',
  'form',
  'input',
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'video',
  'select',
];
const CLASSES = [
  '',
  'content',
  'article-body',
  'post',
  'entry',
  'cookie-banner',
  'consent',
  'gdpr',
  'share',
  'social',
  'related',
  'newsletter',
  'sidebar',
  'comments',
  'ad',
  'promo',
  'read-more',
  'modal',
  'overlay',
  'byline',
  'caption',
];
const TEXTS = [
  'The council voted on Tuesday to close the crossing to cars from next spring, after a long debate.',
  'We use cookies to improve your experience. Accept all cookies? Manage preferences.',
  'Read More: Markets rally as inflation cools',
  'Share on Facebook Twitter Email',
  'Sign up for our newsletter',
  "<script>alert(1)</script> ]]> =cmd|' /C calc'!A0",
  'ارتفعت الأسهم بنسبة ستين في المئة 📈 and emoji 🎉',
  'Continue reading',
  '   ',
  'a',
];

type Tree = { tag: string; cls: string; text: string; hidden: boolean; children: readonly Tree[] };

const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
  node: fc.record({
    tag: fc.constantFrom(...TAGS),
    cls: fc.constantFrom(...CLASSES),
    text: fc.oneof(fc.constantFrom(...TEXTS), fc.string({ maxLength: 80 })),
    hidden: fc.boolean(),
    children: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constant([] as readonly Tree[]),
      fc.array(tie('node'), { maxLength: 6 }),
    ),
  }),
})).node;

function build(doc: Document, node: Tree, depth = 0): Node {
  const el = doc.createElement(node.tag);
  if (node.cls) el.setAttribute('class', node.cls);
  if (node.hidden && depth % 3 === 1) el.setAttribute('style', 'position:fixed;bottom:0;z-index:9999');
  if (node.tag !== 'img' && node.tag !== 'br' && node.tag !== 'input') {
    if (node.text) el.append(doc.createTextNode(node.text));
    for (const child of node.children) el.append(build(doc, child, depth + 1));
  }
  return el;
}

const squash = (text: string) => text.replace(/\s+/g, '');

describe('fuzzing extraction and consent detection', () => {
  it(
    'never throws, never changes the page, and takes its text from the page',
    () => {
      let runs = 0;
      fc.assert(
        fc.property(fc.array(tree, { minLength: 1, maxLength: 5 }), fc.string({ maxLength: 60 }), (roots, title) => {
          runs++;
          document.head.innerHTML = '';
          document.title = title;
          document.body.replaceChildren(...roots.map((r) => build(document, r)));
          const before = document.documentElement.outerHTML;
          const article = extractArticle(document);
          const banners = findConsentBanners(document, article.detection.root);
          expect(document.documentElement.outerHTML).toBe(before);
          // Every word of the article is the page's (clutter inside it may be left out).
          const page = squash(document.body.textContent);
          for (const word of article.text.split(/\s+/)) expect(page).toContain(word);
          const root = article.detection.root;
          if (article.isArticle && root) {
            for (const banner of banners.banners) expect(banner.contains(root)).toBe(false);
          }
        }),
        RUN,
      );
      expect(runs).toBe(RUNS);
    },
    TIMEOUT_MS,
  );
});

describe('fuzzing anchoring', () => {
  it(
    'describe → anchor gives the selection back; after random edits an anchor is never below the floor',
    () => {
      let runs = 0;
      fc.assert(
        fc.property(
          fc.array(tree, { minLength: 1, maxLength: 4 }),
          fc.nat(),
          fc.nat(),
          fc.array(fc.tuple(fc.nat(), fc.string({ maxLength: 30 }), fc.nat(20)), { maxLength: 6 }),
          (roots, a, b, edits) => {
            runs++;
            document.body.replaceChildren(...roots.map((r) => build(document, r)));
            const text = new PageText(document.body);
            const index = text.index();
            if (index.text.length < 2) return;
            const start = a % (index.text.length - 1);
            const end = start + 1 + (b % Math.min(200, index.text.length - start));
            const article = document.querySelector('article, main');
            const target = text.describe(index.rangeOf(start, end), article);
            if (!target) return;
            const found = new PageText(document.body).anchor(target);
            expect(found && found.index.text.slice(found.span.start, found.span.end)).toBe(target.quote.exact);

            // Edit the page: text inserted, removed or replaced in random text nodes.
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            const nodes: Text[] = [];
            for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
            for (const [at, insert, remove] of edits) {
              const node = nodes[at % Math.max(1, nodes.length)];
              if (!node) continue;
              const offset = at % (node.data.length + 1);
              node.replaceData(offset, Math.min(remove, node.data.length - offset), insert);
            }
            const after = new PageText(document.body).anchor(target);
            if (after) {
              const landed = after.index.text.slice(after.span.start, after.span.end);
              expect(distance(landed, target.quote.exact)).toBeLessThanOrEqual(
                Math.floor(target.quote.exact.length * MAX_EDIT_SHARE),
              );
            }
            // The plain engine, without scopes, holds to the same floor.
            const plain = anchor(TextIndex.of(document.body), target);
            if (plain)
              expect(
                distance(TextIndex.of(document.body).text.slice(plain.start, plain.end), target.quote.exact),
              ).toBeLessThanOrEqual(Math.floor(target.quote.exact.length * MAX_EDIT_SHARE));
            expect(describeRange(TextIndex.of(document.body), document.createRange())).toBeNull();
          },
        ),
        RUN,
      );
      expect(runs).toBe(RUNS);
    },
    TIMEOUT_MS,
  );
});

/** Levenshtein distance, plainly. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
