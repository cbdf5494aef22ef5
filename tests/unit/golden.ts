/**
 * Golden files: expected outputs kept beside the tests. A missing or different file fails the
 * test; files are (re)written only by `npm run fixtures:update` (UPDATE_FIXTURES=1), whose
 * changes are then reviewed like code. A baseline that writes itself would check nothing.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { expect } from 'vitest';

export const UPDATING = process.env.UPDATE_FIXTURES === '1';
const ROOT = resolve(import.meta.dirname, '../..');

/** Compares `actual` with the golden file at `path` (or writes it, when updating). */
export function expectGolden(path: string, actual: string): void {
  if (UPDATING) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) {
    throw new Error(
      `The golden file ${relative(ROOT, path)} is missing: run "npm run fixtures:update", review it, and commit it.`,
    );
  }
  expect(actual, `differs from ${relative(ROOT, path)} (run "npm run fixtures:update" if the change is meant)`).toBe(
    readFileSync(path, 'utf8'),
  );
}
