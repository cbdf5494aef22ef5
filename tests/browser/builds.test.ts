/**
 * What users install has no test probes; the test build the real-browser checks load has them
 * (wxt.config.ts, `npm run build` and `npm run build:test`). Read from the built files: a probe's
 * answer names fields (`unsafeAttributes`, `charactersPerLine`) no other code uses. And the script
 * every page loads at `document_start` stays within its budget (ADR 0005).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BROWSERS, BUILDS, PRODUCTION_BUILDS } from './browsers';

// The probes' own names, and the audit's switch that opens the in-page panels' roots (components/shared/closed-host.ts).
const PROBE_MARKS = ['unsafeAttributes', 'charactersPerLine', 'data-clearmark-audit'];

function scripts(dir: string): string {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return [scripts(path)];
      return name.endsWith('.js') ? [readFileSync(path, 'utf8')] : [];
    })
    .join('\n');
}

describe.each(BROWSERS)('%s builds', (name) => {
  it('what users install carries no probe; the test build does', () => {
    const production = scripts(PRODUCTION_BUILDS[name]);
    const test = scripts(BUILDS[name]);
    for (const mark of PROBE_MARKS) {
      expect(production).not.toContain(mark);
      expect(test).toContain(mark);
    }
  });

  it("the content script at document_start is at most 20 KB gzipped, and carries none of the background's checks", () => {
    const code = readFileSync(join(PRODUCTION_BUILDS[name], 'content-scripts/content.js'));
    expect(gzipSync(code, { level: 9 }).length).toBeLessThanOrEqual(20 * 1024);
    // Words only the background's schemas carry (a saved copy's picture, a backup's records, sync's settings).
    for (const words of ['must be a picture type', 'must be a list of host names', 'must be an http(s) URL'])
      expect(code.toString()).not.toContain(words);
  });
});
