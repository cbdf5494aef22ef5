/**
 * The Markdown converter's side of article-converter.ts: runs the article engine on the DOM of
 * the document it is loaded in (Chrome's offscreen document, Firefox's background page) and
 * answers the background. Only the background may ask, and only this one question.
 */
import { browser, type Browser } from 'wxt/browser';
import { articleMarkdown, type ArticleMarkdown, type ArticleMarkdownInput } from '../engines/export/article-markdown';
import { errorMessage } from '../shared/result';
import { captureArticle } from '../engines/reader/saved-copy';
import type { ArticleCapture } from '../shared/model';
import { hostOf } from '../shared/urls';
import {
  CAPTURE_ARTICLE,
  CONVERTER_GLOBAL,
  CONVERT_ARTICLE,
  type ConverterFunctions,
  type ConverterRequest,
} from './article-converter';

/** Converts in this document. */
export function convertHere(input: ArticleMarkdownInput): Promise<ArticleMarkdown> {
  return Promise.resolve(articleMarkdown(document, input));
}

/** The article a fetched page's HTML holds, read in an inert document (nothing runs, nothing loads), as the reader reads a page. */
export function captureHere(html: string, url: string): Promise<ArticleCapture | null> {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const base = doc.createElement('base');
  base.href = url;
  doc.head.prepend(base);
  return Promise.resolve(captureArticle(doc, url, hostOf(url), window));
}

/** Makes the converter callable in this page (the script Firefox's background loads). */
export function offerConverter(): void {
  (globalThis as unknown as Record<string, ConverterFunctions>)[CONVERTER_GLOBAL] = {
    convert: convertHere,
    capture: captureHere,
  };
}

/** Answers the background's conversion requests (Chrome's offscreen document); every other message is not for it. */
export function serveConversions(): void {
  const background = browser.runtime.getURL('/background.js');
  browser.runtime.onMessage.addListener(((message: unknown, sender: Browser.runtime.MessageSender) => {
    if (sender.id !== browser.runtime.id || sender.tab || (sender.url !== undefined && sender.url !== background))
      return undefined;
    const asked = (message as { type?: unknown } | null)?.type;
    if (asked !== CONVERT_ARTICLE && asked !== CAPTURE_ARTICLE) return undefined;
    const request = message as ConverterRequest;
    return (
      request.type === CONVERT_ARTICLE ? convertHere(request.input) : captureHere(request.html, request.url)
    ).then(
      (value) => ({ ok: true, value }),
      (error: unknown) => ({ ok: false, error: errorMessage(error) }),
    );
  }) as Parameters<typeof browser.runtime.onMessage.addListener>[0]);
}
