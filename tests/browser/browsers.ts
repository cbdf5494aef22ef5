/**
 * Launches Debian's Chromium and Firefox ESR with the built extension loaded, behind one small
 * interface, so every real-browser scenario runs the same way in both. A missing browser or
 * build is an error that says what to install or run; nothing is skipped silently.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page as PwPage } from 'playwright-core';
import puppeteer, { type Browser as PpBrowser, type Page as PpPage } from 'puppeteer-core';
import { GECKO_ID } from '../../wxt.config';

export type BrowserName = 'chromium' | 'firefox';
export const BROWSERS: BrowserName[] = ['chromium', 'firefox'];

const ROOT = resolve(import.meta.dirname, '../..');
/** The test build (`npm run build:test`): the extension with the probes checks read what a person sees through. */
export const BUILDS: Record<BrowserName, string> = {
  chromium: join(ROOT, '.output/test/chrome-mv3'),
  firefox: join(ROOT, '.output/test/firefox-mv2'),
};
/** What users install (`npm run build`): no probes. */
export const PRODUCTION_BUILDS: Record<BrowserName, string> = {
  chromium: join(ROOT, '.output/chrome-mv3'),
  firefox: join(ROOT, '.output/firefox-mv2'),
};
type Build = 'test' | 'production';
const buildDir = (name: BrowserName, build: Build) => (build === 'test' ? BUILDS : PRODUCTION_BUILDS)[name];
const EXECUTABLES: Record<BrowserName, { path: string; pkg: string }> = {
  chromium: { path: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', pkg: 'chromium' },
  firefox: { path: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr', pkg: 'firefox-esr' },
};
/**
 * How long `waitFor` waits by default for what a person would see: generous, because a shared
 * 2-core machine may be busy (the first highlight of a page also loads its code).
 */
const WAIT_MS = 30_000;

/** Fixed internal UUID for the Firefox add-on, so tests know its moz-extension:// origin. */
const FIREFOX_UUID = '3f7c9d2e-5b1a-4c8e-9f60-2d4b8a1c7e55';

export interface PageHandle {
  evaluate<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T>;
  /** Waits until `fn` returns a truthy value in the page, and returns it. */
  waitFor<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A, timeoutMs?: number): Promise<NonNullable<T>>;
  /** Waits until `fn` returns a truthy value in the page's first frame whose address contains `address`. */
  waitInFrame<T, A = undefined>(
    address: string,
    fn: (arg: A) => T | Promise<T>,
    arg?: A,
    timeoutMs?: number,
  ): Promise<NonNullable<T>>;
  mouseMove(x: number, y: number, steps?: number): Promise<void>;
  mouseDown(): Promise<void>;
  mouseUp(): Promise<void>;
  click(x: number, y: number): Promise<void>;
  /** Turns the mouse wheel over the point the mouse is at (positive: down the page). */
  wheel(deltaY: number): Promise<void>;
  /** Three clicks in a row: the browser selects the paragraph under the pointer. */
  /** Presses a key with modifiers held, e.g. press('KeyH', ['Alt', 'Shift']). */
  press(code: string, modifiers?: ('Alt' | 'Shift' | 'Control')[]): Promise<void>;
  type(text: string): Promise<void>;
  reload(): Promise<void>;
  goto(url: string): Promise<void>;
  screenshot(path: string): Promise<void>;
  setViewport(width: number, height: number): Promise<void>;
  bringToFront(): Promise<void>;
  emulateColorScheme(scheme: 'light' | 'dark'): Promise<void>;
  /** Renders as for printing ('print') or as on screen ('screen'). */
  emulateMediaType(type: 'print' | 'screen'): Promise<void>;
  /** Errors written to the page's console or thrown uncaught in it since it opened. */
  consoleErrors(): string[];
  /** Chooses a file in a file input, as the browser's file dialog would. */
  setInputFiles(selector: string, path: string): Promise<void>;
  close(): Promise<void>;
}

export interface ExtensionBrowser {
  name: BrowserName;
  /** The extension's origin, e.g. chrome-extension://<id>/ */
  extensionOrigin: string;
  open(url: string): Promise<PageHandle>;
  /**
   * Opens an address in a new tab without waiting on its load: for an address Clearmark sends
   * elsewhere (a PDF to its viewer), whose first navigation never ends. Wait on the page after.
   */
  openWithoutWaiting(url: string): Promise<PageHandle>;
  /** Opens one of the extension's own pages (popup.html, …) in a tab. */
  openExtensionPage(path: string): Promise<PageHandle>;
  /** Where files the user downloads are saved, under the names the pages gave them. */
  downloads: string;
  /**
   * Chromium only: a DevTools protocol command, sent from a session on one of the extension's
   * pages (stopping service workers, overriding storage quota).
   */
  devtools?(method: string, params?: object): Promise<unknown>;
  /** Resolves when the person closes the browser. */
  closed(): Promise<void>;
  close(): Promise<void>;
}

/** Waits for a call whose answer no one reads. */
async function settled(call: Promise<unknown>): Promise<void> {
  await call;
}

function requireReady(name: BrowserName, build: Build): void {
  const { path, pkg } = EXECUTABLES[name];
  if (!existsSync(path)) {
    throw new Error(
      `${name} is not installed at ${path}: run "apt-get install -y ${pkg}" (or set ${name.toUpperCase()}_PATH).`,
    );
  }
  if (!existsSync(join(buildDir(name, build), 'manifest.json'))) {
    throw new Error(
      `The extension is not built at ${buildDir(name, build)}: run "npm run ${build === 'test' ? 'build:test' : 'build'}" first.`,
    );
  }
}

/** A browser with the extension loaded: the test build, unless `build` is 'production' (what users install). */
export interface LaunchOptions {
  headless?: boolean;
  build?: Build;
  locale?: string;
  /** The system's colour scheme as the browser starts: Firefox's WebDriver BiDi cannot emulate it per page. */
  colorScheme?: 'light' | 'dark';
  /** A built extension elsewhere (a benchmark's copy of a build with a page of its own). */
  extensionDir?: string;
}

export async function launch(name: BrowserName, options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const build = options.build ?? 'test';
  requireReady(name, build);
  const dir = options.extensionDir ?? buildDir(name, build);
  return name === 'chromium'
    ? launchChromium(options.headless ?? true, dir, options.locale, options.colorScheme)
    : launchFirefox(options.headless ?? true, dir, options.locale, options.colorScheme);
}

/** A frame as both drivers show one. */
interface FrameLike {
  url(): string;
  evaluate(fn: never, arg: unknown): Promise<unknown>;
}

/** `poll` in the first of a page's frames whose address contains `address` (frames are looked up on each try). */
function pollFrame<T, A>(
  frames: () => FrameLike[],
  address: string,
  fn: (arg: A) => T | Promise<T>,
  arg: A | undefined,
  timeoutMs: number,
): Promise<NonNullable<T>> {
  const attempt = async () => {
    const frame = frames().find((f) => f.url().includes(address));
    return (frame ? await frame.evaluate(fn as never, arg) : null) as T;
  };
  return poll(attempt, timeoutMs, `${address}: ${String(fn).slice(0, 120)}`);
}

async function poll<T>(fn: () => Promise<T>, timeoutMs: number, what: string): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what} (last: ${String(last)})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// --- Chromium via Playwright ------------------------------------------------------------------

/**
 * `locale` (e.g. 'de', 'pt-BR') starts the browser in that language, as a person's browser set to
 * it: Chromium on Linux takes its UI language from LANGUAGE; Firefox from `intl.locale.requested`,
 * with the language pack installed (Debian's firefox-esr-l10n-*).
 */
async function launchChromium(
  headless: boolean,
  extension: string,
  locale?: string,
  colorScheme?: 'light' | 'dark',
): Promise<ExtensionBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'clearmark-chromium-'));
  const downloads = mkdtempSync(join(tmpdir(), 'clearmark-downloads-'));
  const build = extension;
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: EXECUTABLES.chromium.path,
    timeout: 120_000,
    headless,
    ...(colorScheme ? { colorScheme } : {}),
    ...(locale
      ? {
          locale,
          env: { ...process.env, LANGUAGE: locale.replace('-', '_'), LANG: `${locale.replace('-', '_')}.UTF-8` },
        }
      : {}),
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
    downloadsPath: downloads,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Tests never reach the live web: every host but the loopback fails at once.
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
      `--disable-extensions-except=${build}`,
      `--load-extension=${build}`,
      ...(locale ? [`--lang=${locale}`] : []),
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionOrigin = `chrome-extension://${new URL(worker.url()).host}/`;
  // Save each download under the name the page chose, as a person's browser would.
  context.on('page', (page) =>
    page.on(
      'download',
      (download) => void download.saveAs(join(downloads, download.suggestedFilename())).catch(() => undefined),
    ),
  );
  const wrap = (page: PwPage): PageHandle => {
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => void errors.push(String(e)));
    return {
      consoleErrors: () => [...errors],
      evaluate: (fn, arg) => page.evaluate(fn as never, arg),
      // Polled from here, not page.waitForFunction: that takes a returned Promise as truthy and
      // settles on its first answer, so an async probe answering null (no tab yet) ended the wait.
      waitFor: (fn, arg, timeoutMs = WAIT_MS) =>
        poll(() => page.evaluate(fn as never, arg), timeoutMs, String(fn).slice(0, 120)),
      waitInFrame: (address, fn, arg, timeoutMs = WAIT_MS) =>
        pollFrame(() => page.frames(), address, fn, arg, timeoutMs),
      mouseMove: (x, y, steps = 1) => page.mouse.move(x, y, { steps }),
      mouseDown: () => page.mouse.down(),
      mouseUp: () => page.mouse.up(),
      click: (x, y) => page.mouse.click(x, y),
      wheel: (deltaY) => page.mouse.wheel(0, deltaY),
      press: (code, modifiers = []) => page.keyboard.press([...modifiers, code].join('+')),
      type: (text) => page.keyboard.type(text),
      reload: () => settled(page.reload({ waitUntil: 'load' })),
      goto: (url) => settled(page.goto(url, { waitUntil: 'load' })),
      screenshot: (path) => settled(page.screenshot({ path })),
      setViewport: (width, height) => page.setViewportSize({ width, height }),
      bringToFront: () => page.bringToFront(),
      emulateColorScheme: (colorScheme) => page.emulateMedia({ colorScheme }),
      emulateMediaType: (media) => page.emulateMedia({ media }),
      setInputFiles: (selector, path) => page.setInputFiles(selector, path),
      close: () => page.close(),
    };
  };
  let cdp: CDPSession | null = null;
  return {
    name: 'chromium',
    extensionOrigin,
    downloads,
    async devtools(method, params) {
      if (!cdp) {
        const page = await context.newPage();
        await page.goto(new URL('popup.html', extensionOrigin).href);
        cdp = await context.newCDPSession(page);
      }
      return cdp.send(method as never, params as never);
    },
    async open(url) {
      // A window a person sees opens with one empty tab: the first page goes there, not beside it.
      const blank = headless ? undefined : context.pages().find((p) => p.url() === 'about:blank');
      const page = blank ?? (await context.newPage());
      await page.goto(url, { waitUntil: 'domcontentloaded' });
      return wrap(page);
    },
    async openWithoutWaiting(url) {
      const page = await context.newPage();
      void page.goto(url).catch(() => undefined);
      return wrap(page);
    },
    async openExtensionPage(path) {
      const page = await context.newPage();
      await page.goto(new URL(path, extensionOrigin).href, { waitUntil: 'load' });
      return wrap(page);
    },
    closed: () => new Promise((done) => context.once('close', () => done())),
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      rmSync(downloads, { recursive: true, force: true });
    },
  };
}

// --- Firefox via Puppeteer (WebDriver BiDi) ---------------------------------------------------

/** Where Debian's firefox-esr-l10n-* packages put Firefox's language packs. */
const FIREFOX_LANGUAGE_PACKS = process.env.FIREFOX_LANGUAGE_PACKS ?? '/usr/lib/firefox-esr/browser/extensions';

async function launchFirefox(
  headless: boolean,
  extension: string,
  locale?: string,
  colorScheme?: 'light' | 'dark',
): Promise<ExtensionBrowser> {
  const pack =
    locale && locale !== 'en' ? join(FIREFOX_LANGUAGE_PACKS, `langpack-${locale}@firefox-esr.mozilla.org.xpi`) : null;
  if (pack && !existsSync(pack))
    throw new Error(`Firefox has no ${locale} language pack (${pack}): apt-get install -y firefox-esr-l10n-${locale}`);
  const downloads = mkdtempSync(join(tmpdir(), 'clearmark-downloads-'));
  const browser: PpBrowser = await puppeteer.launch({
    browser: 'firefox',
    // A browser starting on a busy shared machine may take long: waited for, however long, up to two minutes.
    timeout: 120_000,
    executablePath: EXECUTABLES.firefox.path,
    headless,
    args: ['--remote-allow-system-access'],
    defaultViewport: { width: 1280, height: 800 },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
      'browser.shell.checkDefaultBrowser': false,
      // Tests never reach the live web: everything but the loopback goes to a closed port.
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': 9,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': 9,
      'network.proxy.no_proxies_on': '127.0.0.1, localhost',
      'network.proxy.allow_hijacking_localhost': false,
      // Downloads go straight to a known folder, without asking.
      'browser.download.folderList': 2,
      'browser.download.dir': downloads,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.start_downloads_in_tmp_dir': false,
      'browser.download.alwaysOpenPanel': false,
      // An optional permission asked for (keeping pictures offline) is granted without the prompt a person would answer.
      'extensions.webextOptionalPermissionPrompts': false,
      // 0 dark, 1 light: what pages (extension pages too) see as prefers-color-scheme.
      ...(colorScheme
        ? {
            'layout.css.prefers-color-scheme.content-override': colorScheme === 'dark' ? 0 : 1,
            'ui.systemUsesDarkTheme': colorScheme === 'dark' ? 1 : 0,
          }
        : {}),
      ...(locale
        ? { 'intl.locale.requested': locale, 'intl.accept_languages': locale, 'extensions.autoDisableScopes': 0 }
        : {}),
    },
  });
  await browser.installExtension(extension);
  const extensionOrigin = `moz-extension://${FIREFOX_UUID}/`;
  const wrap = (page: PpPage): PageHandle => {
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => void errors.push(String(e)));
    return {
      consoleErrors: () => [...errors],
      evaluate: (fn, arg) => page.evaluate(fn as never, arg),
      waitFor: (fn, arg, timeoutMs = WAIT_MS) =>
        poll(() => page.evaluate(fn as never, arg), timeoutMs, String(fn).slice(0, 120)),
      waitInFrame: (address, fn, arg, timeoutMs = WAIT_MS) =>
        pollFrame(() => page.frames(), address, fn, arg, timeoutMs),
      mouseMove: (x, y, steps = 1) => page.mouse.move(x, y, { steps }),
      mouseDown: () => page.mouse.down(),
      mouseUp: () => page.mouse.up(),
      click: (x, y) => page.mouse.click(x, y),
      wheel: (deltaY) => page.mouse.wheel({ deltaY }),
      press: async (code, modifiers = []) => {
        for (const m of modifiers) await page.keyboard.down(m);
        await page.keyboard.press(code as never);
        for (const m of [...modifiers].reverse()) await page.keyboard.up(m);
      },
      type: (text) => page.keyboard.type(text),
      reload: () => settled(page.reload({ waitUntil: 'load' })),
      goto: (url) => settled(page.goto(url, { waitUntil: 'load' })),
      screenshot: (path) => settled(page.screenshot({ path })),
      // Puppeteer sends a screen orientation beside the viewport, a command Firefox ESR 140 (Debian's
      // archive before its security updates) does not know; the viewport is set all the same.
      setViewport: (width, height) =>
        page.setViewport({ width, height }).catch((error: unknown) => {
          if (!String(error).includes('setScreenOrientationOverride')) throw error;
        }),
      bringToFront: () => page.bringToFront(),
      emulateColorScheme: (scheme) => page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]),
      emulateMediaType: (type) => page.emulateMediaType(type),
      setInputFiles: async (selector, path) => {
        const input = await page.$(selector);
        if (!input) throw new Error(`no ${selector} in the page`);
        await (input as unknown as { uploadFile(p: string): Promise<void> }).uploadFile(path);
      },
      close: () => page.close(),
    };
  };
  return {
    name: 'firefox',
    extensionOrigin,
    downloads,
    async open(url) {
      // A window a person sees opens with one empty tab: the first page goes there, not beside it.
      const blank = headless ? undefined : (await browser.pages()).find((p) => p.url() === 'about:blank');
      const page = blank ?? (await browser.newPage());
      await page.goto(url, { waitUntil: 'domcontentloaded' });
      return wrap(page);
    },
    async openWithoutWaiting(url) {
      const page = await browser.newPage();
      void page.goto(url).catch(() => undefined);
      return wrap(page);
    },
    async openExtensionPage(path) {
      const page = await browser.newPage();
      // Navigations to moz-extension:// may never settle in Puppeteer: start it, then poll.
      void page.goto(new URL(path, extensionOrigin).href).catch(() => undefined);
      await poll(
        () => page.evaluate(() => document.readyState === 'complete' && location.protocol === 'moz-extension:'),
        15_000,
        'the extension page',
      );
      return wrap(page);
    },
    closed: () => new Promise((done) => browser.once('disconnected', () => done())),
    async close() {
      await browser.close();
      rmSync(downloads, { recursive: true, force: true });
    },
  };
}
