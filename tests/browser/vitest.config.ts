import { defineConfig } from 'vitest/config';

/** Real-browser tests: the built extension in Debian's Chromium and Firefox ESR. */
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['tests/browser/**/*.test.ts'],
    environment: 'node',
    testTimeout: 90_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    reporters: ['default', ['json', { outputFile: '.tmp/results/browser.json' }]],
  },
});
