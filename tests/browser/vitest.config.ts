import { defineConfig } from 'vitest/config';

/** Real-browser tests: the built extension in Debian's Chromium and Firefox ESR. */
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['tests/browser/**/*.test.ts'],
    environment: 'node',
    testTimeout: 90_000,
    hookTimeout: 60_000,
    // Three files at a time: each launches its own browsers, fixture server and sync server on free
    // ports, and a browser test mostly waits on the browser (a selection settling, a view loading),
    // so three share a 2-core machine; with two, CI ran close to its 20 minutes.
    fileParallelism: true,
    maxWorkers: 3,
    reporters: ['default', ['json', { outputFile: '.tmp/results/browser.json' }]],
  },
});
