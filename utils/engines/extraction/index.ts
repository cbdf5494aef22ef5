/**
 * Article extraction: the one entry the content script, the reader view and the benchmark use.
 * Pure: it reads a Document and never changes it.
 */
import { articleText } from './article-text';
import { detectArticle, type ArticleDetection } from './detect-article';
import { articleMetadata, readingMinutes, wordCount, type ArticleMetadata } from './metadata';
import { leadingMetadata, trailingAuthorBio } from './leading-metadata';
import { repeatedBlocks } from './repeated-blocks';
import { uiLabels } from './ui-labels';
import { pageSignals } from './page-signals';

export interface Article extends ArticleMetadata {
  detection: ArticleDetection;
  isArticle: boolean;
  text: string;
  wordCount: number;
  readingMinutes: number;
}

export function extractArticle(doc: Document): Article {
  const signals = pageSignals(doc);
  const detection = detectArticle(doc, signals);
  const metadata = articleMetadata(doc, detection.root, signals, detection.authorMarkup);
  // The title, byline, date and labels the header shows are not repeated at the top of the body.
  for (const el of [...leadingMetadata(detection, metadata), ...trailingAuthorBio(detection, metadata.byline)]) detection.excluded.add(el);
  // What the article shows twice (a gallery's captions, a pull quote) is read once.
  for (const el of repeatedBlocks(detection)) detection.excluded.add(el);
  // The page's furniture inside the article ("Advert", "Sharing is caring!") is not read.
  for (const el of uiLabels(detection)) detection.excluded.add(el);
  const text = articleText(detection, metadata.title);
  const words = wordCount(text);
  return { ...metadata, detection, isArticle: detection.isArticle, text, wordCount: words, readingMinutes: readingMinutes(words) };
}

export type { ArticleDetection, ArticleMetadata };
