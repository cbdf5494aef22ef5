/**
 * The Markdown converter's side of article-converter.ts: runs the article engine on the DOM of
 * the document it is loaded in (Chrome's offscreen document, Firefox's background page) and
 * answers the background. Only the background may ask, and only this one question.
 */
import { browser, type Browser } from 'wxt/browser';
import { articleMarkdown, type ArticleMarkdown, type ArticleMarkdownInput } from '../engines/export/article-markdown';
import { errorMessage } from '../shared/result';
import { CONVERTER_GLOBAL, CONVERT_ARTICLE, type ConvertArticle } from './article-converter';


/** Converts in this document. */
export function convertHere(input: ArticleMarkdownInput): Promise<ArticleMarkdown> {
  return Promise.resolve(articleMarkdown(document, input));
}

/** Makes the converter callable in this page (the script Firefox's background loads). */
export function offerConverter(): void {
  (globalThis as unknown as Record<string, unknown>)[CONVERTER_GLOBAL] = convertHere;
}

/** Answers the background's conversion requests (Chrome's offscreen document); every other message is not for it. */
export function serveConversions(): void {
  const background = browser.runtime.getURL('/background.js');
  browser.runtime.onMessage.addListener(((message: unknown, sender: Browser.runtime.MessageSender) => {
    if (sender.id !== browser.runtime.id || sender.tab || (sender.url !== undefined && sender.url !== background)) return undefined;
    if (typeof message !== 'object' || message === null || (message as { type?: unknown }).type !== CONVERT_ARTICLE) return undefined;
    return convertHere((message as ConvertArticle).input).then(
      (value) => ({ ok: true, value }),
      (error: unknown) => ({ ok: false, error: errorMessage(error) }),
    );
  }) as Parameters<typeof browser.runtime.onMessage.addListener>[0]);
}
