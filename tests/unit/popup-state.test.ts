/**
 * What the popup reads of its tab (utils/pages/popup-state.ts): the tab's three questions are
 * asked at once, not one after another (the popup is drawn when the last answer is in), and the
 * answers, with the page's highlights read from the library, make the popup's state.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { Library } from '@/utils/background/storage';
import { readPopupState } from '@/utils/pages/popup-state';

const URL_OF_PAGE = 'https://news.example/story';

afterEach(() => vi.restoreAllMocks());

describe('the popup’s state', () => {
  it('asks the tab its three questions before any answer comes, and reads the page’s highlights', async () => {
    const library = await Library.open();
    const made = await library.create({
      page: { url: URL_OF_PAGE, title: 'A story', siteName: 'News' },
      color: 'yellow',
      note: 'mine',
      target: {
        quote: { type: 'TextQuoteSelector', exact: 'Words', prefix: '', suffix: '' },
        position: { type: 'TextPositionSelector', start: 0, end: 5 },
      },
    });
    const asked: string[] = [];
    const answers: (() => void)[] = [];
    const values: Record<string, unknown> = {
      'page:info': { url: URL_OF_PAGE, title: 'A story', siteName: 'News' },
      'article:state': { isArticle: true, readerOpen: false },
      'highlights:anchored': { painted: [made.id], orphaned: [] },
    };
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation(((_tab: number, message: { type: string }) => {
      asked.push(message.type);
      return new Promise<unknown>((answer) => answers.push(() => answer({ ok: true, value: values[message.type] })));
    }) as typeof fakeBrowser.tabs.sendMessage);

    const state = readPopupState(7);
    await vi.waitFor(() => expect(asked).toHaveLength(3));
    expect(asked.sort()).toEqual(['article:state', 'highlights:anchored', 'page:info']);
    for (const answer of answers) answer();
    expect(await state).toMatchObject({
      kind: 'ready',
      page: { url: URL_OF_PAGE, title: 'A story' },
      highlights: [{ id: made.id, note: 'mine' }],
      orphaned: new Set(),
      article: { isArticle: true, readerOpen: false },
      saved: false,
    });
    library.close();
  });

  it('says the page is the browser’s own when no content script answers', async () => {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockRejectedValue(new Error('Could not establish connection.'));
    vi.spyOn(fakeBrowser.tabs, 'get').mockResolvedValue({ url: 'chrome://newtab/' } as Awaited<
      ReturnType<typeof fakeBrowser.tabs.get>
    >);
    expect(await readPopupState(7)).toMatchObject({ kind: 'unavailable' });
  });
});
