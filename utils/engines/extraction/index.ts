/**
 * Article extraction: the one entry the content script, the reader view and the benchmark use.
 * Pure: it reads a Document and never changes it. A page whose web components hold text is read
 * from a copy drawn with their open shadow roots in place (the elements found are the copy's).
 */
import { articleText } from './article-text';
import { detectArticle, type ArticleDetection, type RemovalRule } from './detect-article';
import { articleMetadata, type ArticleMetadata } from './metadata';
import { leafBlocks } from './leaf-blocks';
import { leadingMetadata, trailingAuthorBio, trailingPostInfo } from './leading-metadata';
import { repeatedBlocks } from './repeated-blocks';
import { uiLabels } from './ui-labels';
import { pageSignals } from './page-signals';
import { composedDocument } from './composed-document';

export interface Article extends ArticleMetadata {
  detection: ArticleDetection;
  isArticle: boolean;
  text: string;
}

export function extractArticle(page: Document): Article {
  const article = readArticle(page);
  return article.detection.hasComponentText ? readArticle(composedDocument(page)) : article;
}

function readArticle(doc: Document): Article {
  const signals = pageSignals(doc);
  const detection = detectArticle(doc, signals);
  const metadata = articleMetadata(doc, detection.root, signals, detection.authorMarkup, detection.excluded);
  // One walk of the body's innermost blocks, then what none of them should be read as:
  // the header's lines again (title, byline, date, labels), the author's closing bio, a block
  // repeated right after itself (a gallery's captions), the page's furniture ("Advert").
  const blocks = leafBlocks(detection);
  const tidied: [Element[], RemovalRule][] = [
    [leadingMetadata(blocks, metadata), 'header-line'],
    [trailingAuthorBio(blocks, metadata.byline), 'author-bio'],
    [trailingPostInfo(blocks, metadata.byline), 'header-line'],
    [repeatedBlocks(blocks), 'repeated'],
    [uiLabels(blocks), 'ui-label'],
  ];
  for (const [elements, rule] of tidied) for (const el of elements) detection.excluded.set(el, rule);
  const text = articleText(detection, metadata.title);
  return { ...metadata, detection, isArticle: detection.isArticle, text };
}

export type { ArticleDetection, ArticleMetadata, RemovalRule };
