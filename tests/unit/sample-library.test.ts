/**
 * The sample library `npm run dev` and the screenshots restore sits beside the demo article
 * people highlight: a newcomer must not meet two pages of the same title.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBackup } from '@/utils/engines/export/backup';

const fixtures = resolve(import.meta.dirname, '../fixtures');

describe('the sample library', () => {
  const backup = parseBackup(readFileSync(resolve(fixtures, 'library/sample-backup.json'), 'utf8'));
  const titles = backup.ok ? backup.value.pages.map((p) => p.title) : [];

  it('reads as a backup, with pages of different titles', () => {
    expect(backup.ok).toBe(true);
    expect(titles.length).toBeGreaterThan(3);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it('holds no page of the demo article, by title or by address', () => {
    const demo = readFileSync(resolve(fixtures, 'seed/index.html'), 'utf8');
    const demoTitle = /<meta property="og:title" content="([^"]+)"/.exec(demo)?.[1] ?? '';
    expect(demoTitle).not.toBe('');
    expect(titles).not.toContain(demoTitle.replace(/&amp;/g, '&'));
    expect(backup.ok && backup.value.pages.some((p) => /alibaba/i.test(p.url + p.title))).toBe(false);
  });
});
