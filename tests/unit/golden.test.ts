// @vitest-environment node
/** The golden-file check checks: a missing file fails, a different one fails, the same one passes. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectGolden, UPDATING } from './golden';

describe.skipIf(UPDATING)('golden files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clearmark-golden-'));
  it('fail when missing, and never write themselves', () => {
    expect(() => expectGolden(join(dir, 'missing.golden'), 'text')).toThrow(/missing: run "npm run fixtures:update"/);
    expect(() => expectGolden(join(dir, 'missing.golden'), 'text')).toThrow(/missing/);
  });
  it('fail when different, pass when the same', () => {
    writeFileSync(join(dir, 'kept.golden'), 'the same');
    expect(() => expectGolden(join(dir, 'kept.golden'), 'the same')).not.toThrow();
    expect(() => expectGolden(join(dir, 'kept.golden'), 'not the same')).toThrow(/differs/);
  });
});
