import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';

/** Unit tests: engines and UI over happy-dom, IndexedDB from fake-indexeddb. */
export default defineConfig({
  plugins: [WxtVitest()],
  // Unit tests run the content script's code as the test build has it (the probes answer).
  define: { __TEST_BUILD__: 'true' },
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    environment: 'happy-dom',
    setupFiles: ['fake-indexeddb/auto', 'tests/unit/setup-words.ts'],
    globals: true,
    // Fixed run counts, never fixed speed: a test gets a minute however busy the shared CI machine is.
    testTimeout: 60_000,
    // Both cores: Vitest leaves one idle by default, and a unit file needs no more than one.
    maxWorkers: 2,
    hookTimeout: 60_000,
    reporters: ['default', ['json', { outputFile: '.tmp/results/unit.json' }]],
  },
});
