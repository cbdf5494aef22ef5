/**
 * Bringing notes from other tools, as a person does it, in Chromium and Firefox: for each tool, a
 * fresh profile, the library's Export & backup menu, "Import from…", the file chosen, the preview
 * read ("… highlights on … pages from Hypothesis"), Import pressed — and then the served pages
 * opened, with every imported highlight painted on them; one whose text the page no longer has is
 * kept and reported as not found (an orphan), never dropped. The files are the
 * fixtures of tests/fixtures/import with their placeholder origin swapped for the served one.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BROWSERS, launch, type ExtensionBrowser } from './browsers';
import { sendToBackground as askBackground, tabIdOf, textsOf } from './page-probes';
import { importThroughMenu, SEED_KEY_PATH, until, useFixtureServer } from './suite';
import { fixtureFile } from '../fixtures/import/files';

const fixtures = useFixtureServer();

interface Tool {
  tool: string;
  files: string[];
  /** What the preview says of each file, in order. */
  previews: string[];
  /** Highlights each served page then shows. */
  painted: { '/rich-article/': number; '/seed/': number };
  /** Highlights of text the page no longer has: kept, and reported as not found. */
  orphans?: number;
}

const TOOLS: Tool[] = [
  {
    tool: 'Hypothesis',
    files: ['hypothesis/export.json', 'hypothesis/api-search.json'],
    // The export's annotation on a PDF comes in too, under the PDF's fingerprint: a page of its own.
    previews: ['3 highlights on 2 pages from Hypothesis.', '1 highlight on 1 page from Hypothesis.'],
    painted: { '/rich-article/': 3, '/seed/': 0 },
  },
  {
    tool: 'Readwise',
    files: ['readwise/import.csv'],
    previews: ['3 highlights on 1 page from Readwise.'],
    painted: { '/rich-article/': 2, '/seed/': 0 },
    orphans: 1,
  },
  {
    tool: 'Omnivore',
    files: ['omnivore'],
    previews: ['4 highlights on 2 pages from Omnivore.'],
    painted: { '/rich-article/': 2, '/seed/': 2 },
  },
  {
    tool: 'Obsidian Web Clipper',
    files: ['obsidian-clipper/highlights.json', 'obsidian-clipper/stored-highlights.json'],
    previews: [
      '4 highlights on 2 pages from Obsidian Web Clipper.',
      '2 highlights on 1 page from Obsidian Web Clipper.',
    ],
    painted: { '/rich-article/': 5, '/seed/': 1 },
  },
  {
    tool: 'W3C Web Annotations',
    files: ['web-annotation/annotation.json', 'web-annotation/collection.jsonld'],
    previews: ['1 highlight on 1 page from W3C Web Annotations.', '1 highlight on 1 page from W3C Web Annotations.'],
    painted: { '/rich-article/': 1, '/seed/': 1 },
  },
];

describe.each(BROWSERS)('%s', (name) => {
  let browser: ExtensionBrowser | undefined;
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  it.each(TOOLS)(
    'from $tool: previewed, imported, and painted on the pages',
    async ({ files, previews, painted, orphans = 0 }) => {
      browser = await launch(name);
      const dir = mkdtempSync(join(tmpdir(), 'clearmark-import-'));
      const library = await browser.openExtensionPage('library.html');
      expect(await library.waitFor(textsOf, '.empty h2')).toEqual(['Your library is empty']);
      for (const [i, file] of files.entries()) {
        await importThroughMenu(library, fixtureFile(file, dir, fixtures.server.origin), previews[i]!);
      }
      for (const [path, count] of Object.entries(painted)) {
        const key = path === '/seed/' ? fixtures.server.url(SEED_KEY_PATH) : fixtures.server.url(path);
        const stored = (await library.evaluate(askBackground, { type: 'page:highlights', url: key })) as {
          value: { highlights: { id: string }[] };
        };
        const expectOrphans = path === '/rich-article/' ? orphans : 0;
        expect(stored.value.highlights, `stored on ${path}`).toHaveLength(count + expectOrphans);
        if (!count) continue;
        await browser.open(fixtures.server.url(path));
        const tabId = await library.waitFor(tabIdOf, key, 15_000);
        let state = { painted: [] as string[], orphaned: [] as string[] };
        await until(
          async () => {
            state = (
              (await library.evaluate(askTab, { tabId, message: { type: 'highlights:anchored' } })) as {
                value: typeof state;
              }
            ).value;
            return state.painted.length + state.orphaned.length === count + expectOrphans;
          },
          30_000,
          `the highlights on ${path}`,
        );
        expect({ path, painted: state.painted.length, orphaned: state.orphaned.length }).toEqual({
          path,
          painted: count,
          orphaned: expectOrphans,
        });
        expect([...state.painted, ...state.orphaned].sort()).toEqual(stored.value.highlights.map((h) => h.id).sort());
      }
    },
  );
});

interface ExtensionApi {
  tabs: { sendMessage(id: number, m: unknown): Promise<unknown> };
  runtime: { sendMessage(m: unknown): Promise<unknown> };
}
function askTab({ tabId, message }: { tabId: number; message: object }): Promise<unknown> {
  const scope = globalThis as unknown as { browser?: ExtensionApi; chrome: ExtensionApi };
  return (scope.browser ?? scope.chrome).tabs.sendMessage(tabId, message);
}
