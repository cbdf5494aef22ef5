import { defineConfig } from 'vitest/config';

/**
 * The fault suite (`npm run test:faults`): the built extension in real browsers and the sync
 * engine against a real server, under the failures people meet — a wiped or swapped server, a
 * full disk, a background stopped in the middle of a backup or a restore, files of hundreds of
 * megabytes. Each test reports the records before and after. Not timed: generous limits only.
 */
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['tests/faults/**/*.test.ts'],
    environment: 'node',
    testTimeout: 600_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    reporters: ['default', ['json', { outputFile: '.tmp/results/faults.json' }]],
  },
});
