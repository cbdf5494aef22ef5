/**
 * Runs `web-ext lint` on the Firefox build and fails on any error, or on any warning that is
 * not explained in the README's "Firefox lint" section (listed here by code).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const BUILD = resolve(ROOT, '.output/firefox-mv2');
/** Warnings explained in README.md, "Firefox lint". */
const EXPLAINED = new Set(['UNSAFE_VAR_ASSIGNMENT']);

interface Finding {
  code: string;
  message: string;
  file?: string;
}

if (!existsSync(resolve(BUILD, 'manifest.json'))) {
  console.error(`No Firefox build at ${BUILD}: run "npm run build" first.`);
  process.exit(1);
}
let output: string;
try {
  output = execFileSync(
    resolve(ROOT, 'node_modules/.bin/web-ext'),
    ['lint', '--source-dir', BUILD, '--output', 'json', '--no-config-discovery'],
    { encoding: 'utf8' },
  );
} catch (error) {
  output = (error as { stdout?: string }).stdout ?? '';
}
const report = JSON.parse(output) as { errors: Finding[]; warnings: Finding[]; notices: Finding[] };
const unexplained = report.warnings.filter((w) => !EXPLAINED.has(w.code));
for (const f of report.errors) console.log(`error   ${f.code} ${f.file ?? ''}: ${f.message}`);
for (const f of report.warnings)
  console.log(
    `warning ${f.code} ${f.file ?? ''}: ${f.message}${EXPLAINED.has(f.code) ? ' (explained in README)' : ''}`,
  );
console.log(
  `web-ext lint: ${report.errors.length} errors, ${report.warnings.length} warnings (${unexplained.length} unexplained), ${report.notices.length} notices`,
);
process.exit(report.errors.length || unexplained.length ? 1 : 0);
