/**
 * Writes a saved article as Markdown for the background. The writing needs a DOM — the reader's
 * sanitizer, the anchoring that places highlights, Turndown — and Chrome's background is a
 * service worker without one; Firefox's background is a page with one. So in Chrome an offscreen
 * document (reason DOM_PARSER) is made on the first export and asked by message; in Firefox the
 * converter's script is loaded into the background page on the first export and called. Either
 * way nothing of it loads until someone exports an article (docs/adr/0016).
 */
import { browser } from 'wxt/browser';
import type { ArticleMarkdown, ArticleMarkdownInput } from '../engines/export/article-markdown';
import type { ArticleCapture } from '../shared/model';

/** The messages the background sends the offscreen document (article-conversion.ts answers them). */
export const CONVERT_ARTICLE = 'article:convert';
export const CAPTURE_ARTICLE = 'article:capture';
export type ConverterRequest =
  | { type: typeof CONVERT_ARTICLE; input: ArticleMarkdownInput }
  | { type: typeof CAPTURE_ARTICLE; html: string; url: string };
/** Where the converter's script leaves its functions in a page that loaded it (Firefox's background). */
export const CONVERTER_GLOBAL = '__clearmarkArticleMarkdown';
export interface ConverterFunctions {
  convert: (input: ArticleMarkdownInput) => Promise<ArticleMarkdown>;
  capture: (html: string, url: string) => Promise<ArticleCapture | null>;
}

const CONVERTER_PAGE = '/article-converter.html';
const CONVERTER_SCRIPT = '/article-markdown.js' as const;

/**
 * How long Chrome's offscreen converter stays open after its last use: a document kept open for
 * good holds a renderer's memory for an export made once. Shorter than the 30 s after which an
 * idle background stops, so the timer that closes it still runs.
 */
export const CONVERTER_IDLE_MS = 20_000;

/** How a converter starts and stops (tests give their own). */
export interface ConverterLifecycle {
  start: () => Promise<ConverterFunctions>;
  /** Closes what `start` opened; none where nothing needs closing (Firefox's background page). */
  stop?: () => Promise<void>;
  idleMs?: number;
}

/**
 * The converter for this browser's background, loaded on its first use: Markdown of a saved
 * article, and the article a fetched page holds. In Chrome, its document is closed once it has
 * been idle a while, and opened again when next needed.
 */
export function articleConverter(lifecycle: ConverterLifecycle = browserLifecycle()): ConverterFunctions {
  const { start, stop, idleMs = CONVERTER_IDLE_MS } = lifecycle;
  let ready: Promise<ConverterFunctions> | null = null;
  let closing: Promise<void> = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let busy = 0;
  const loaded = () =>
    (ready ??= closing.then(start).catch((error: unknown) => {
      ready = null;
      throw error;
    }));
  const use = async <T>(work: (converter: ConverterFunctions) => Promise<T>): Promise<T> => {
    busy++;
    clearTimeout(timer);
    try {
      return await work(await loaded());
    } finally {
      if (--busy === 0 && stop)
        timer = setTimeout(() => {
          if (!ready) return;
          ready = null;
          closing = stop().catch(() => undefined);
        }, idleMs);
    }
  };
  return {
    convert: (input) => use((c) => c.convert(input)),
    capture: (html, url) => use((c) => c.capture(html, url)),
  };
}

function browserLifecycle(): ConverterLifecycle {
  return typeof document === 'undefined'
    ? { start: offscreenConverter, stop: closeOffscreen }
    : { start: pageConverter };
}

/** Firefox: the background page has a DOM; the converter's script joins it. */
async function pageConverter(): Promise<ConverterFunctions> {
  const holder = globalThis as unknown as Record<string, ConverterFunctions | undefined>;
  if (!holder[CONVERTER_GLOBAL]) {
    await new Promise<void>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = browser.runtime.getURL(CONVERTER_SCRIPT);
      script.onload = () => resolve();
      script.onerror = () => reject(new Error('The Markdown converter could not be loaded.'));
      document.head.append(script);
    });
  }
  const convert = holder[CONVERTER_GLOBAL];
  if (!convert) throw new Error('The Markdown converter did not start.');
  return convert;
}

interface OffscreenApi {
  createDocument(options: { url: string; reasons: string[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
}
const offscreenApi = () => (browser as unknown as { offscreen?: OffscreenApi }).offscreen;

/** Chrome: the offscreen document closed (none open is fine). */
async function closeOffscreen(): Promise<void> {
  await offscreenApi()?.closeDocument();
}

/** Chrome: an offscreen document converts; it answers the background's messages. */
async function offscreenConverter(): Promise<ConverterFunctions> {
  const offscreen = offscreenApi();
  if (!offscreen) throw new Error('This browser has no offscreen documents.');
  try {
    await offscreen.createDocument({
      url: CONVERTER_PAGE,
      reasons: ['DOM_PARSER'],
      justification: 'Writes saved articles as Markdown, which needs an HTML parser.',
    });
  } catch (error) {
    // One already open (a worker that slept and woke keeps it) is the one wanted.
    if (!/single offscreen|already/i.test(error instanceof Error ? error.message : String(error))) throw error;
  }
  const ask = async <T>(request: ConverterRequest): Promise<T> => {
    const answer = await browser.runtime.sendMessage<
      ConverterRequest,
      { ok: true; value: T } | { ok: false; error: string } | undefined
    >(request);
    if (!answer) throw new Error('The Markdown converter did not answer.');
    if (!answer.ok) throw new Error(answer.error);
    return answer.value;
  };
  return {
    convert: (input) => ask<ArticleMarkdown>({ type: CONVERT_ARTICLE, input }),
    capture: (html, url) => ask<ArticleCapture | null>({ type: CAPTURE_ARTICLE, html, url }),
  };
}
