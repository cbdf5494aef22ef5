import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';

/** Unit tests: engines and UI over happy-dom, IndexedDB from fake-indexeddb. */
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    environment: 'happy-dom',
    setupFiles: ['fake-indexeddb/auto'],
    globals: true,
    // Fixed run counts, never fixed speed: a test gets a minute however busy the shared CI machine is.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', ['json', { outputFile: '.tmp/results/unit.json' }]],
  },
});
