/**
 * Set-up shared by the real-browser test files: a fixture server for the whole file, one browser
 * per `describe.each(BROWSERS)` block with an extension page open to talk to the extension, and
 * typed calls made from that page.
 */
import { afterAll, beforeAll } from 'vitest';
import { launch, type BrowserName, type ExtensionBrowser, type LaunchOptions, type PageHandle } from './browsers';
import { startFixtureServer, type FixtureServer } from './fixture-server';
import { centerOf, sendToBackground, sendToTab } from './page-probes';

/** The seed page's canonical path: its highlights are stored under this key. */
export const SEED_KEY_PATH = '/2025/03/alibaba-100-billion-stock-rally-fueled-by-ai-jack-ma-return/';

export function useFixtureServer(): { readonly server: FixtureServer } {
  const holder = {} as { server: FixtureServer };
  beforeAll(async () => {
    holder.server = await startFixtureServer();
  });
  afterAll(() => holder.server.close());
  return holder;
}

export interface BrowserSuite {
  readonly browser: ExtensionBrowser;
  /** An extension page (popup.html) used to send messages as the extension's own pages do. */
  readonly helper: PageHandle;
  /** Sends a message to a tab's content script from the extension page. */
  askTab<T = unknown>(tabId: number, message: object): Promise<T>;
  /** Sends a message to the background from the extension page. */
  askBackground<T = unknown>(message: object): Promise<T>;
}

export function useBrowser(name: BrowserName, options: LaunchOptions = {}): BrowserSuite {
  const suite = {
    askTab: (tabId: number, message: object) => suite.helper.evaluate(sendToTab, { tabId, message }),
    askBackground: (message: object) => suite.helper.evaluate(sendToBackground, message),
  } as unknown as BrowserSuite & { browser: ExtensionBrowser; helper: PageHandle };
  beforeAll(async () => {
    suite.browser = await launch(name, options);
    suite.helper = await suite.browser.openExtensionPage('popup.html');
  });
  afterAll(() => suite.browser.close());
  return suite;
}

/** Moves the mouse to the centre of the first element matching `selector` (waiting for it) and clicks, as a person would. */
export async function clickOn(page: PageHandle, selector: string): Promise<void> {
  const at = await page.waitFor(centerOf, selector);
  await page.mouseMove(at.x, at.y);
  await page.click(at.x, at.y);
}

/**
 * Waits until `check` holds, asking again every 50 ms, for as long as a busy machine may need:
 * for what appears a moment after a person acts (a view that loads on first use).
 */
export async function until(check: () => Promise<boolean>, timeoutMs = 30_000, what = 'the condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Export & backup → Import from… → the file → the preview → Import; answers when the library says it is done. */
export async function importThroughMenu(
  library: PageHandle,
  path: string,
  preview: string,
  said: RegExp = /^Imported: \d+ highlights? added/,
): Promise<void> {
  if (!(await library.evaluate(() => !!document.querySelector('.menu-panel'))))
    await clickOn(library, '[data-action="menu"]');
  await library.waitFor(() => !!document.querySelector('[data-action="import-file"]'));
  await library.setInputFiles('[data-action="import-file"]', path);
  const shown = await library.waitFor(
    () => document.querySelector('.import-summary')?.textContent || null,
    undefined,
    30_000,
  );
  if (shown !== preview) throw new Error(`The preview said “${shown}”, not “${preview}”`);
  await clickOn(library, '[data-action="import-confirm"]');
  // Done when the preview has closed and the library says so (two imports may say the same words).
  const told = await library.waitFor(
    () => {
      const text = document.querySelector('.notice')?.textContent ?? '';
      return !document.querySelector('.import-preview') && text.startsWith('Imported') && text;
    },
    undefined,
    30_000,
  );
  if (!said.test(String(told))) throw new Error(`The library said “${told}”, not ${String(said)}`);
}
