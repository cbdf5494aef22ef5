/**
 * The library page as a person uses it, in Chromium and Firefox, starting from a fresh profile:
 * restore a backup (twice: nothing is duplicated), search, filter by color, choose a page, edit
 * and delete with undo, export to CSV and back up — the backup saved on disk is byte for byte
 * the one restored.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BROWSERS, launch, type ExtensionBrowser, type PageHandle } from './browsers';
import { sendToBackground, textsAre, textsOf } from './page-probes';
import { waitForBytes, waitForFile } from './downloads';
import { loadBackup } from '../bench/load-library';
import { clickOn, until } from './suite';
import type { Backup } from '@/utils/engines/export/backup';

const SAMPLE = resolve(import.meta.dirname, '../fixtures/library/sample-backup.json');

describe.each(BROWSERS)('%s', (name) => {
  let browser: ExtensionBrowser;
  beforeEach(async () => {
    browser = await launch(name);
  });
  afterEach(() => browser.close());

  const restore = async (library: PageHandle) => {
    if (!(await library.evaluate(() => !!document.querySelector('.menu-panel'))))
      await clickOn(library, '[data-action="menu"]');
    await library.waitFor(() => !!document.querySelector('[data-action="restore-file"]'));
    const before = await library.evaluate(() => document.querySelector('.notice')?.textContent ?? '');
    await library.setInputFiles('[data-action="restore-file"]', SAMPLE);
    return library.waitFor((previous) => {
      const text = document.querySelector('.notice')?.textContent ?? '';
      return text.startsWith('Restored') && text !== previous && text;
    }, before);
  };

  it('restore into a fresh profile, search, filter, edit, export and back up', async () => {
    const library = await browser.openExtensionPage('library.html');
    expect(await library.waitFor(textsOf, '.empty h2')).toEqual(['Your library is empty']);

    expect(await restore(library)).toBe('Restored: 13 highlights added.');
    expect(await library.waitFor(() => document.querySelectorAll('.row').length === 6)).toBe(true);
    // Pages newest first, with counts.
    expect((await library.evaluate(textsOf, '.row .page-title'))![0]).toBe(
      'The harbour reopens after a long winter of repairs',
    );
    expect(await library.evaluate(textsOf, '.pages-count')).toEqual(['6 pages · 13 highlights']);
    expect(await restore(library)).toBe('Restored: 0 highlights added, 13 already here.');

    // Search as the user types, across quotes, notes and titles.
    await clickOn(library, 'input[type="search"]');
    await library.type('fifty years');
    expect(
      await library.waitFor(textsAre, {
        selector: '.row .page-title',
        expected: ['The harbour reopens after a long winter of repairs'],
      }),
    ).toBe(true);
    expect(await library.evaluate(textsOf, '.detail .quote')).toEqual([
      'Engineers said the new stone facing should protect the quay from winter storms for at least another fifty years.',
    ]);
    // The quote links to its page at the quote (a text fragment).
    expect(await library.evaluate(() => document.querySelector('.detail a.quote-button')?.getAttribute('href'))).toBe(
      'https://www.harbourtimes.example/2026/11/harbour-reopens#:~:text=Engineers%20said%20the%20new%20stone%20facing,for%20at%20least%20another%20fifty%20years.',
    );
    for (let i = 0; i < 'fifty years'.length; i++) await library.press('Backspace');
    await clickOn(library, '.filter-chip[data-color="purple"]');
    expect(
      await library.waitFor(textsAre, {
        selector: '.row .page-title',
        expected: [
          'Copper hits a record as power grids race to expand',
          'How much energy does an AI answer really use?',
        ],
      }),
    ).toBe(true);
    await clickOn(library, '.filter-chip[data-color="purple"]');

    // Choose a page with the keyboard, then edit, delete and undo there.
    await library.waitFor(() => document.querySelectorAll('.row').length === 6);
    await clickOn(library, '.row:nth-child(1)');
    await library.press('ArrowDown');
    expect(
      await library.waitFor(textsAre, {
        selector: '.detail-header h2',
        expected: ['Copper hits a record as power grids race to expand'],
      }),
    ).toBe(true);
    await clickOn(library, '.detail .highlight:nth-child(1) [data-action="note"]');
    await library.waitFor(() => document.activeElement?.classList.contains('note-editor'));
    await library.type('Checked against the filing.');
    await clickOn(library, '.detail-header h2'); // focus leaves the note: it is saved
    expect(await library.waitFor(textsOf, '.detail .highlight:nth-child(1) .note')).toEqual([
      'Checked against the filing.',
    ]);
    // Once the note is stored, the restore's report above the list stays where it was: taking it
    // away would move the list up under a pointer about to click in it.
    expect(await library.waitFor(textsOf, '[data-role="said"]')).toEqual(['Note saved']);
    expect(await library.evaluate(textsOf, '.notice')).toEqual(['Restored: 0 highlights added, 13 already here.']);
    await clickOn(library, '.detail .highlight:nth-child(2) [data-action="delete"]');
    expect(
      await library.waitFor(
        () => document.querySelectorAll('.detail .highlight').length === 2 && !!document.querySelector('.toast'),
      ),
    ).toBe(true);
    await clickOn(library, '.toast [data-action="undo"]');
    expect(await library.waitFor(() => document.querySelectorAll('.detail .highlight').length === 3)).toBe(true);
    // The page's highlights are one tab stop however many they are (arrows move inside, as in the popup).
    expect(
      await library.evaluate(
        () =>
          [...document.querySelectorAll<HTMLElement>('.detail .highlights button, .detail .highlights a[href]')].filter(
            (el) => el.tabIndex === 0,
          ).length,
      ),
    ).toBe(1);
    const stored = (await library.evaluate(sendToBackground, {
      type: 'page:highlights',
      url: 'https://www.marketsdaily.example/2026/11/copper-record-grid-spending',
    })) as { value: { highlights: { note: string }[] } };
    expect(stored.value.highlights.map((h) => h.note)).toContain('Checked against the filing.');

    // Export everything as CSV, to a file on disk.
    await clickOn(library, '[data-action="menu"]');
    await library.waitFor(() => !!document.querySelector('select[name="format"]'));
    // The menu fits its content across: no sideways scrollbar, nothing cut at its right edge.
    expect(
      await library.evaluate(() => {
        const panel = document.querySelector<HTMLElement>('.menu-panel')!;
        const style = getComputedStyle(panel);
        const right =
          panel.getBoundingClientRect().right - parseFloat(style.borderRightWidth) - parseFloat(style.paddingRight);
        const over = [...panel.querySelectorAll<HTMLElement>('*')]
          .filter((el) => el.getBoundingClientRect().right > right + 0.5)
          .map((el) => el.tagName + (el.className ? `.${el.className}` : ''));
        return { sideways: panel.scrollWidth > panel.clientWidth, over };
      }),
    ).toEqual({ sideways: false, over: [] });
    await library.evaluate(() => {
      const select = document.querySelector<HTMLSelectElement>('select[name="format"]')!;
      select.focus();
    });
    // Choose CSV with the keyboard, as a person would in the select.
    await library.press('ArrowDown');
    expect(
      await library.waitFor(() => document.querySelector<HTMLSelectElement>('select[name="format"]')!.value === 'csv'),
    ).toBe(true);
    await library.press('Tab');
    await library.press('ArrowDown');
    expect(
      await library.waitFor(
        () =>
          document.querySelector<HTMLSelectElement>('select[name="scope"]')!.selectedOptions[0]?.textContent ===
          'Everything',
      ),
    ).toBe(true);
    await clickOn(library, '[data-action="download"]');
    const csvName = await library.waitFor(
      () => document.querySelector('.status-line')?.textContent.match(/^Saved (.+)$/)?.[1],
    );
    expect(csvName).toMatch(/^clearmark-highlights-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await waitForFile(join(browser.downloads, csvName));
    expect(csv.split('\r\n')[0]).toBe('Highlight,Title,Author,URL,Note,Location,Date');
    expect(csv.trim().split('\r\n')).toHaveLength(14);

    // Everything again, as one Markdown note per page: a zip on disk with a note for each page.
    await library.evaluate(() => document.querySelector<HTMLSelectElement>('select[name="format"]')!.focus());
    // One note per page sits just above the last format (whole saved articles).
    await library.press('End');
    await library.press('ArrowUp');
    expect(
      await library.waitFor(
        () => document.querySelector<HTMLSelectElement>('select[name="format"]')!.value === 'notes',
      ),
    ).toBe(true);
    await clickOn(library, '[data-action="download"]');
    const zipName = await library.waitFor(
      () => document.querySelector('.status-line')?.textContent.match(/^Saved (.+\.zip)$/)?.[1],
    );
    const notes = unzipSync(await waitForBytes(join(browser.downloads, zipName)));
    expect(Object.keys(notes)).toHaveLength(6);
    for (const [name, bytes] of Object.entries(notes)) {
      expect(name).toMatch(/^[^<>:"/\\|?*]+\.md$/);
      expect(strFromU8(bytes)).toMatch(
        /^---\ntitle: "[^\n]+"\nsource: "https:\/\/[^\n]+\n[\s\S]*\n---\n\n# [^\n]+\n\n> /,
      );
    }

    // Back up, after undoing the note, so the library is the restored one again.
    const undoNote = (await library.evaluate(sendToBackground, {
      type: 'highlight:update',
      id: '5a3e0000-0000-4000-8000-000000000100',
      note: '',
    })) as { ok: boolean };
    expect(undoNote.ok).toBe(true);
    await clickOn(library, '[data-action="backup"]');
    const backupName = await library.waitFor(
      () => document.querySelector('.notice')?.textContent.match(/^Backed up to (\S+)\./)?.[1],
    );
    const backup = await waitForFile(join(browser.downloads, backupName));
    const expected = JSON.parse(readFileSync(SAMPLE, 'utf8')) as Backup;
    const actual = JSON.parse(backup) as Backup;
    // The note was edited and put back: only that highlight's edit time moved.
    const edited = actual.highlights.find((h) => h.id === '5a3e0000-0000-4000-8000-000000000100')!;
    edited.updatedAt = expected.highlights.find((h) => h.id === edited.id)!.updatedAt;
    const page = actual.pages.find((p) => p.url === edited.url)!;
    page.updatedAt = expected.pages.find((p) => p.url === page.url)!.updatedAt;
    expect(actual).toEqual(expected);
  });

  it('tags: added to a highlight with the keyboard, completed, filtered by, and renamed across the library in one step', async () => {
    const library = await browser.openExtensionPage('library.html');
    await library.waitFor(textsOf, '.empty h2');
    expect(await restore(library)).toBe('Restored: 13 highlights added.');
    await library.waitFor(() => document.querySelectorAll('.detail .highlight').length > 0);
    // The first highlight of the chosen page: "Add tags", type two, each with Enter.
    await clickOn(library, '.detail .highlight [data-action="tags"]');
    await clickOn(library, '.detail .highlight input[name="tag"]');
    await library.type('harbour');
    await library.press('Enter');
    await library.type('repairs');
    await library.press('Enter');
    const firstId = await library.evaluate(() =>
      document.querySelector('.detail .highlight')!.getAttribute('data-id')!,
    );
    const tagsOf = async (id: string) => {
      const all = (await library.evaluate(sendToBackground, { type: 'export', format: 'backup', scope: 'all' })) as {
        value: { text: string };
      };
      return (
        (JSON.parse(all.value.text) as { highlights: { id: string; tags?: string[] }[] }).highlights.find(
          (h) => h.id === id,
        )?.tags ?? []
      );
    };
    await until(async () => (await tagsOf(firstId)).length >= 2, 30_000, 'both tags to be stored').catch(() => {});
    expect(await tagsOf(firstId)).toEqual(['harbour', 'repairs']);
    // The second highlight offers the tags already in use.
    await clickOn(library, '.detail .highlight:nth-child(2) [data-action="tags"]');
    expect(
      await library.waitFor(() =>
        [...document.querySelectorAll('.detail .highlight:nth-child(2) datalist option')]
          .map((o) => (o as HTMLOptionElement).value)
          .join(','),
      ),
    ).toBe('harbour,repairs');
    await clickOn(library, '.detail .highlight:nth-child(2) input[name="tag"]');
    await library.type('Harbour');
    await library.press('Enter');
    const secondId = await library.evaluate(() =>
      document.querySelectorAll('.detail .highlight')[1]!.getAttribute('data-id')!,
    );
    await until(async () => (await tagsOf(secondId)).length >= 1, 30_000, 'the tag to be stored').catch(() => {});
    expect(await tagsOf(secondId)).toEqual(['Harbour']);

    // Filter by a tag: only highlights that carry it.
    await library.waitFor(() => !!document.querySelector('select[name="tag-filter"]'));
    await library.evaluate(() => document.querySelector<HTMLSelectElement>('select[name="tag-filter"]')!.focus());
    await library.press('ArrowDown');
    expect(
      await library.waitFor(
        () => document.querySelector<HTMLSelectElement>('select[name="tag-filter"]')!.value === 'harbour',
      ),
    ).toBe(true);
    expect(await library.waitFor(() => document.querySelectorAll('.detail .highlight').length === 1 || null)).toBe(
      true,
    );
    // Rename it everywhere it stands ("Harbour", another tag, stays as it is).
    await clickOn(library, '[data-action="rename-tag"]');
    await library.evaluate(() => document.querySelector<HTMLInputElement>('input[name="rename-tag"]')!.select());
    await library.type('ports');
    await library.press('Enter');
    expect(
      await library.waitFor(
        () => document.querySelector('.notice')?.textContent.startsWith('Renamed #harbour to #ports') || null,
      ),
    ).toBe(true);
    expect(await tagsOf(firstId)).toEqual(['ports', 'repairs']);
    expect(await tagsOf(secondId)).toEqual(['Harbour']);
    // Renamed to a tag in use: the field says the two will merge before Enter, and the notice says they did.
    await clickOn(library, '[data-action="rename-tag"]');
    await library.evaluate(() => document.querySelector<HTMLInputElement>('input[name="rename-tag"]')!.select());
    await library.type('Harbour');
    expect(await library.waitFor(() => document.querySelector('[data-role="rename-merge"]')?.textContent || null)).toBe(
      '#Harbour is in use: Enter merges #ports into it.',
    );
    await library.press('Enter');
    expect(
      await library.waitFor(
        () => document.querySelector('.notice')?.textContent.startsWith('Merged #ports into #Harbour') || null,
      ),
    ).toBe(true);
    expect(await tagsOf(firstId)).toEqual(expect.arrayContaining(['Harbour', 'repairs']));
  });

  it('a backup written by the library page, restored in a fresh profile, gives the same backup', async () => {
    const library = await browser.openExtensionPage('library.html');
    await restore(library);
    const first = (await library.evaluate(sendToBackground, { type: 'export', format: 'backup', scope: 'all' })) as {
      value: { text: string };
    };
    expect(first.value.text).toBe(readFileSync(SAMPLE, 'utf8'));
  });

  it('the weekly reminder backs up in one click; a damaged backup changes nothing and says what is wrong', async () => {
    const library = await browser.openExtensionPage('library.html');
    expect(await restore(library)).toBe('Restored: 13 highlights added.');

    // Ask for the weekly reminder: never backed up, so it shows at once; one click backs up.
    if (!(await library.evaluate(() => !!document.querySelector('.menu-panel'))))
      await clickOn(library, '[data-action="menu"]');
    await clickOn(library, 'input[name="backup-reminder"]');
    await clickOn(library, '.lib-search');
    expect(await library.waitFor(() => document.querySelector('.reminder span')?.textContent)).toBe(
      'You have never backed up your 13 highlights.',
    );
    await clickOn(library, '[data-action="backup-now"]');
    const name = await library.waitFor(
      () => document.querySelector('.notice')?.textContent.match(/^Backed up to (\S+)\./)?.[1],
    );
    expect((JSON.parse(await waitForFile(join(browser.downloads, name))) as Backup).highlights).toHaveLength(13);
    expect(await library.waitFor(() => !document.querySelector('.reminder'))).toBe(true);

    // A hand-edited copy with one bad color, then a truncated one: nothing changes.
    const before = (await library.evaluate(sendToBackground, { type: 'export', format: 'backup', scope: 'all' })) as {
      value: { text: string };
    };
    const damaged = join(browser.downloads, 'damaged-backup.json');
    const truncated = join(browser.downloads, 'truncated-backup.json');
    const data = JSON.parse(readFileSync(SAMPLE, 'utf8')) as Backup;
    (data.highlights[4] as { color: string }).color = 'orange';
    data.highlights.push({ ...data.highlights[0]!, id: 'new-one-that-must-not-land' });
    writeFileSync(damaged, JSON.stringify(data));
    writeFileSync(truncated, readFileSync(SAMPLE, 'utf8').slice(0, 2000));
    for (const [file, why] of [
      [
        damaged,
        'Nothing was restored. The backup is damaged: highlights[4].color must be one of yellow, green, blue, pink, purple.',
      ],
      [
        truncated,
        'Nothing was restored. “truncated-backup.json” is not valid JSON, so it may be cut short or edited by hand',
      ],
    ] as const) {
      if (!(await library.evaluate(() => !!document.querySelector('.menu-panel'))))
        await clickOn(library, '[data-action="menu"]');
      await library.setInputFiles('[data-action="restore-file"]', file);
      expect(
        await library.waitFor(
          (w) =>
            document.querySelector('.notice')?.textContent.startsWith(w.slice(0, 60)) &&
            document.querySelector('.notice')!.textContent,
          why,
        ),
      ).toContain(why);
      // Said where the file was chosen, in the open menu, on top of everything, announced at once,
      // and drawn unlike a success (the page's notice of the earlier restore).
      const said = await library.evaluate(() => {
        const shown = document.querySelector<HTMLElement>('[data-role="file-problem"]');
        const success = document.querySelector<HTMLElement>('.notice.done[role="status"]');
        if (!shown) return null;
        const r = shown.getBoundingClientRect();
        const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        const look = (el: HTMLElement | null) =>
          el ? `${getComputedStyle(el).borderLeftColor} ${getComputedStyle(el).backgroundColor}` : null;
        return {
          inMenu: !!shown.closest('.menu-panel'),
          onTop: !!top && shown.contains(top),
          role: shown.getAttribute('role'),
          looksLikeSuccess: look(shown) === look(success),
          successShown: !!success,
        };
      });
      expect(said).toEqual({ inMenu: true, onTop: true, role: 'alert', looksLikeSuccess: false, successShown: true });
    }
    const after = (await library.evaluate(sendToBackground, { type: 'export', format: 'backup', scope: 'all' })) as {
      value: { text: string };
    };
    expect(after.value.text).toBe(before.value.text);
  });

  it('a large restore shows its progress as it is written', async () => {
    const library = await browser.openExtensionPage('library.html');
    const file = join(browser.downloads, 'large-backup.json');
    writeFileSync(file, loadBackup(5_000, 0, 'https://large.example/'));
    // Note every progress text the page shows while the restore runs.
    await library.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      new MutationObserver(() => {
        const text = document.querySelector('.progress span')?.textContent;
        if (text && seen.at(-1) !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await clickOn(library, '[data-action="menu"]');
    await library.setInputFiles('[data-action="restore-file"]', file);
    expect(
      await library.waitFor(
        () =>
          document.querySelector('.notice')?.textContent.startsWith('Restored') &&
          document.querySelector('.notice')!.textContent,
        undefined,
        30_000,
      ),
    ).toBe('Restored: 5,000 highlights added.');
    const seen = await library.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
    expect(seen[0]).toBe('Checking the backup…');
    expect(seen.some((t) => /^Restoring [\d,]+ of 5,000…$/.test(t))).toBe(true);
  });
});
