/**
 * A full disk, for real: the browser's profile on a small tmpfs (mounted by the test, which needs
 * root, as CI has), filled to the last byte with a ballast file. A highlight saved then is
 * refused in words; once the ballast is gone the same background saves again, and every record
 * stored before is still there.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type ExtensionBrowser, type PageHandle } from '../browser/browsers';
import { sendToBackground } from '../browser/page-probes';

const MOUNT = mkdtempSync(join(tmpdir(), 'clearmark-full-disk-'));
let mounted = false;
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=400m', 'tmpfs', MOUNT], { stdio: 'ignore' });
  mounted = true;
} catch {
  /* not root: the test says so and is skipped */
}

const page = (i: number) => ({ url: `https://disk.example/${i}`, title: `Page ${i}`, siteName: 'Disk' });
const target = (i: number) => ({
  quote: { type: 'TextQuoteSelector', exact: `words ${i}`, prefix: '', suffix: '' },
  position: { type: 'TextPositionSelector', start: i, end: i + 7 },
});

afterAll(() => {
  if (!mounted) return;
  try {
    execFileSync('umount', ['-l', MOUNT]);
  } catch {
    /* already gone */
  }
});

describe.skipIf(!mounted).each(['chromium', 'firefox'] as const)(
  'a full disk (%s, its profile on a 400 MB tmpfs)',
  (name) => {
    let browser: ExtensionBrowser;
    let helper: PageHandle;
    const ballast = join(MOUNT, 'ballast');
    beforeAll(async () => {
      const previous = process.env.TMPDIR;
      process.env.TMPDIR = MOUNT;
      try {
        browser = await launch(name);
      } finally {
        process.env.TMPDIR = previous;
      }
      helper = await browser.openExtensionPage('popup.html');
    });
    afterAll(async () => {
      await (browser as ExtensionBrowser | undefined)?.close(); // unset when launching failed
      rmSync(ballast, { force: true });
    });

    type Answer = { ok: boolean; code?: string; error?: string; value?: unknown };
    const ask = (message: object) => helper.evaluate(sendToBackground, message) as Promise<Answer>;
    const create = (i: number) =>
      ask({
        type: 'highlight:create',
        page: page(i),
        color: 'yellow',
        note: `note ${i} ${'x'.repeat(2000)}`,
        target: target(i),
      });
    const count = async () => {
      let n = 0;
      for (let i = 0; i < 400; i++) {
        const answer = await ask({ type: 'page:highlights', url: page(i).url });
        if (answer.ok) n += (answer.value as { highlights: unknown[] }).highlights.length;
      }
      return n;
    };

    it('a write on a full disk is refused in words, nothing stored is lost, and saving works again once there is space', async () => {
      for (let i = 0; i < 50; i++) expect((await create(i)).ok).toBe(true);
      const before = await count();
      // Fill the disk to the last byte.
      mkdirSync(MOUNT, { recursive: true });
      try {
        execFileSync('dd', ['if=/dev/zero', `of=${ballast}`, 'bs=1M', 'count=1000'], { stdio: 'ignore' });
      } catch {
        /* dd stops when the disk is full */
      }
      const refused: Answer[] = [];
      for (let i = 50; i < 400 && refused.length < 3; i++) {
        const answer = await create(i);
        if (!answer.ok) refused.push(answer);
      }
      console.log('while full:', JSON.stringify(refused.map((r) => r.error)));
      expect(refused.length).toBeGreaterThan(0);
      expect(refused[0]!.error).toMatch(/disk is full/i);
      rmSync(ballast, { force: true });
      const after = await create(399);
      console.log('after freeing:', JSON.stringify(after).slice(0, 300));
      expect(after.ok).toBe(true);
      const total = await count();
      console.log(`records before the disk filled: ${before}; after it was freed: ${total}`);
      expect(total).toBeGreaterThanOrEqual(before + 1);
    });
  },
);
