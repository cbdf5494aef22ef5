/**
 * `npm run dev`: opens a real browser window with the freshly built extension loaded, on the
 * bundled demo article (the seed page reconstruction), with a small sample library restored so
 * the library page has something to show. Chromium by default; `-- --firefox` for Firefox ESR.
 * It looks for a display before building, so a machine without one is told in a moment.
 */
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { launch, type BrowserName } from './browsers';
import { startFixtureServer } from './fixture-server';
import { sendToBackground } from './page-probes';

async function main() {
  const name: BrowserName = process.argv.includes('--firefox') ? 'firefox' : 'chromium';
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.error(
      'No display found: "npm run dev" opens a browser window, which needs a graphical session.\n' +
        'Run it from a desktop session, or on a headless machine under a virtual display:\n' +
        '  apt-get install -y xvfb && xvfb-run -a npm run dev\n' +
        'The extension itself is built in .output/ and can be loaded by hand (see README).',
    );
    process.exit(1);
  }
  // Built only once a window can be shown: on a machine without a display this says so at once.
  execSync('npm run build', { stdio: 'inherit', cwd: resolve(import.meta.dirname, '../..') });
  const server = await startFixtureServer();
  const browser = await launch(name, { headless: false, build: 'production' });
  const helper = await browser.openExtensionPage('popup.html');
  await helper.evaluate(sendToBackground, {
    type: 'import',
    text: readFileSync(resolve(import.meta.dirname, '../fixtures/library/sample-backup.json'), 'utf8'),
  });
  await helper.close();
  await browser.open(server.url('/seed/'));
  console.log(`Clearmark is loaded in ${name} on the demo article: ${server.url('/seed/')}`);
  console.log('Select a sentence, then click Highlight or press Alt+Shift+H; press Alt+Shift+R for the reader view.');
  console.log(
    `The popup's Library button (or ${browser.extensionOrigin}library.html) opens the library, with a small sample restored.`,
  );
  console.log('Close the browser (or Ctrl+C) to stop.');
  const stop = async () => {
    await browser.close().catch(() => undefined);
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  await browser.closed();
  await stop();
}

void main();
