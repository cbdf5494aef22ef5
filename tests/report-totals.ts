/**
 * Prints one closing line for the whole test command — "N passed, N failed, N skipped" — from
 * the JSON reports of the unit, real-browser and quick fault Vitest runs, so any reader of the log (people,
 * CI) sees the total at the end.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const REPORTS = ['unit', 'browser', 'faults'].map((name) =>
  resolve(import.meta.dirname, `../.tmp/results/${name}.json`),
);
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of REPORTS) {
  if (!existsSync(file)) {
    console.error(`Missing test report ${file}: did every test run?`);
    process.exit(1);
  }
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
}
if (passed === 0) {
  console.error('No test ran.');
  process.exit(1);
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed ? 1 : 0);
