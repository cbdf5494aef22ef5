import { defineConfig } from 'vitest/config';

/** Real-browser tests: the built extension in Debian's Chromium and Firefox ESR. */
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['tests/browser/**/*.test.ts'],
    environment: 'node',
    testTimeout: 90_000,
    hookTimeout: 60_000,
    // Two files at a time: each launches its own browsers, fixture server and sync server on free
    // ports, and a browser test mostly waits on the browser, so two share a 2-core machine.
    fileParallelism: true,
    maxWorkers: 2,
    // The helpers (Playwright, Puppeteer, the build's config) hold no state between files: each
    // worker loads them once instead of once per file, about 4 s a file on a busy 2-core machine.
    isolate: false,
    reporters: ['default', ['json', { outputFile: '.tmp/results/browser.json' }]],
  },
});
