import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Rollup } from 'vite';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { LAZY_FILES } from './utils/content/lazy-registry';
import { ALL_SITES } from './utils/shared/permissions';

/**
 * The content security policy of the extension's own pages (popup, library, background). They
 * connect to the extension's own files (the PDF viewer reads its character maps) and to a sync
 * server (or a PDF's address): over https anywhere, over plain http only on this computer
 * (the same rule sync's setup applies to the address). A server on [::1] is reached as localhost:
 * a policy cannot name an IPv6 address (couch-client.ts). Pictures from the web are allowed for
 * the page of a saved copy, which shows an article's images by address (or from storage, as blob:
 * addresses, when they are kept offline); the popup and the library narrow that back to their own
 * files with a policy of their own (a <meta> in their HTML).
 */
export const EXTENSION_PAGES_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob: https: http:; connect-src 'self' https: http://localhost:* http://127.0.0.1:*; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * PDF.js's character maps, shipped under `pdfjs/cmaps/` and read by the viewer (pdf-document.ts): a
 * PDF whose Chinese, Japanese or Korean text is set in a font it does not embed is read through them.
 */
const PDF_CMAPS = join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'cmaps');

/** What the content script injected into every page may weigh, gzipped (docs/adr/0005). */
export const CONTENT_SCRIPT_BUDGET_BYTES = 20 * 1024;

/**
 * The test build (`npm run build:test`, into `.output/test/`): the extension with the probes that
 * real-browser checks read what a person sees through (utils/content/test-probes.ts). What users
 * install (`npm run build`) has none: the probes' code is left out of its bundle.
 */
const TEST_BUILD = process.env.CLEARMARK_TEST_BUILD === '1';

/**
 * How the extension's own pages (popup, library, reader, PDF viewer) share code: in two chunks,
 * not one per combination of pages. Opening a page costs the browser a few milliseconds for
 * every module it loads, whatever its size (six tiny modules cost more than 80 KB of code in one,
 * measured in Chromium): split the way Rollup splits by default, the popup loaded seven modules
 * and began about 45 ms after a blank page. Now what the popup shares with any other page is one
 * chunk, what other pages share is another, and code loaded only on demand (the PDF viewer, a
 * saved copy's sanitizer) stays apart. Each chunk holds everything its modules import, so no
 * page waits on one more.
 */
function sharedPageChunks(): (id: string, meta: Rollup.ManualChunkMeta) => string | undefined {
  let pagesOf: Map<string, Set<string>> | null = null;
  const reach = (meta: Rollup.ManualChunkMeta) => {
    const found = new Map<string, Set<string>>();
    for (const entry of [...meta.getModuleIds()].filter((id) => meta.getModuleInfo(id)?.isEntry)) {
      const page = /entrypoints\/([^/]+)\//.exec(entry)?.[1] ?? entry;
      const stack = [entry];
      for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
        const pages = found.get(id) ?? new Set<string>();
        if (pages.has(page)) continue;
        pages.add(page);
        found.set(id, pages);
        stack.push(...(meta.getModuleInfo(id)?.importedIds ?? []));
      }
    }
    return found;
  };
  return (id, meta) => {
    pagesOf ??= reach(meta);
    const pages = pagesOf.get(id);
    if (!pages || pages.size < 2) return undefined;
    return pages.has('popup') ? 'popup-shared' : 'pages-shared';
  };
}

/** The Firefox add-on id; the real-browser tests pin its internal UUID through it. */
export const GECKO_ID = 'clearmark@clearmark.app';

// Minimum versions follow the newest web API we rely on: the CSS Custom Highlight API
// (Chrome 105, Firefox 140). Firefox also needs 140 for `data_collection_permissions`.
export default defineConfig({
  publicDir: 'assets/public',
  // Every dependency is an explicit import: a forgotten one does not compile.
  imports: false,
  modules: ['@wxt-dev/webextension-polyfill'],
  outDir: TEST_BUILD ? '.output/test' : '.output',
  vite: () => ({ plugins: [preact()], define: { __TEST_BUILD__: JSON.stringify(TEST_BUILD) } }),
  hooks: {
    // The pages are built together (the content script and the background each alone).
    'vite:build:extendConfig': (entrypoints, config) => {
      if (entrypoints.length < 2) return;
      const output = config.build?.rollupOptions?.output;
      if (output && !Array.isArray(output)) output.manualChunks = sharedPageChunks();
    },
    'build:publicAssets': (_wxt, files) => {
      for (const name of readdirSync(PDF_CMAPS).filter((n) => n.endsWith('.bcmap')))
        files.push({ absoluteSrc: join(PDF_CMAPS, name), relativeDest: `pdfjs/cmaps/${name}` });
    },
    // The size report: what every page pays at document_start, and what loads on first need.
    'build:done': (wxt) => {
      const gz = (file: string) => gzipSync(readFileSync(join(wxt.config.outDir, file)), { level: 9 }).length;
      const always = gz('content-scripts/content.js');
      const lazy = Object.values(LAZY_FILES).map((file) => `${file} ${(gz(file) / 1024).toFixed(1)} KB`);
      wxt.logger.info(
        `Content script: ${(always / 1024).toFixed(1)} KB gzipped in every page (budget ${CONTENT_SCRIPT_BUDGET_BYTES / 1024} KB); on first need: ${lazy.join(', ')}`,
      );
      if (always > CONTENT_SCRIPT_BUDGET_BYTES)
        throw new Error(
          `The content script is ${always} bytes gzipped, over its ${CONTENT_SCRIPT_BUDGET_BYTES}-byte budget: load the rest on first need.`,
        );
    },
  },
  manifest: ({ browser }) => ({
    // Every word the browser shows for the extension comes from _locales (docs/adr/0015).
    name: '__MSG_appName__',
    description: '__MSG_appDescription__',
    default_locale: 'en',
    // unlimitedStorage: years of notes must never be evicted or hit a small quota.
    // contextMenus: the "Highlight selection" item.
    // alarms: while sync is on, a sleeping background wakes once a minute to hear the server.
    // No host permission: the sync server is reached through CORS, which CouchDB is configured for.
    // offscreen (Chrome): a document with a DOM, made only while an article is written as Markdown.
    // activeTab: the popup reads the address of the tab it opens over, to offer the PDF viewer for a PDF.
    // storage (no prompt): its session area keeps which frames of a tab hold text while a sleeping
    // background forgets its memory (tab-frames.ts); nothing is written to its other areas.
    permissions: [
      'unlimitedStorage',
      'storage',
      'contextMenus',
      'alarms',
      'activeTab',
      ...(browser === 'firefox' ? [] : ['offscreen']),
    ],
    // Asked for only when the user chooses to keep saved copies' pictures offline (the background fetches them).
    ...(browser === 'firefox' ? { optional_permissions: [ALL_SITES] } : { optional_host_permissions: [ALL_SITES] }),
    // Clearmark's own pages run only their own bundled scripts, load nothing from the web and
    // cannot be framed: a strict policy, so even a bug that inserted page text as markup could
    // not run it.
    content_security_policy: browser === 'firefox' ? EXTENSION_PAGES_CSP : { extension_pages: EXTENSION_PAGES_CSP },
    // Chrome: the lazily loaded content-script files (utils/content/lazy-modules.ts) are served only
    // under a per-session address, so a page cannot probe for them. Firefox loads them for the
    // content script without listing them, so no page can reach them at all.
    ...(browser === 'firefox'
      ? {}
      : {
          web_accessible_resources: [
            { resources: Object.values(LAZY_FILES), matches: ['http://*/*', 'https://*/*'], use_dynamic_url: true },
          ],
        }),
    commands: {
      'highlight-selection': {
        suggested_key: { default: 'Alt+Shift+H' },
        description: '__MSG_commandHighlight__',
      },
      'toggle-reader': {
        suggested_key: { default: 'Alt+Shift+R' },
        description: '__MSG_commandReader__',
      },
      'save-article': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: '__MSG_commandSave__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android reads data_collection_permissions from 142 on.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : { minimum_chrome_version: '105' }),
  }),
});
