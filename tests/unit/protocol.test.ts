import { describe, expect, it } from 'vitest';
import { classifySender, parseBackgroundMessage, parseContentMessage } from '@/utils/shared/protocol';

const ID = 'clearmark-id';
const ORIGIN = 'chrome-extension://clearmark-id/';
const target = {
  quote: { type: 'TextQuoteSelector', exact: 'quoted', prefix: 'a ', suffix: ' b' },
  position: { type: 'TextPositionSelector', start: 2, end: 8 },
};
const create = {
  type: 'highlight:create',
  page: { url: 'https://news.example/a', title: 'A', siteName: 'News' },
  color: 'yellow',
  note: '',
  target,
};

describe('classifySender', () => {
  it('tells our extension pages, our content scripts and strangers apart', () => {
    expect(classifySender({ id: ID, url: `${ORIGIN}popup.html` }, ID, ORIGIN)).toBe('extension');
    expect(classifySender({ id: ID, url: 'https://news.example/a', tab: {} }, ID, ORIGIN)).toBe('content');
    expect(classifySender({ id: 'other-extension', url: 'https://x.example', tab: {} }, ID, ORIGIN)).toBeNull();
    expect(classifySender({ url: 'https://evil.example' }, ID, ORIGIN)).toBeNull();
    expect(classifySender({ id: ID, url: 'https://news.example/a' }, ID, ORIGIN)).toBeNull();
  });
});

describe('parseBackgroundMessage', () => {
  it('accepts a well-formed request from our contexts', () => {
    expect(parseBackgroundMessage(create, 'content')).toEqual({ ok: true, value: create });
    expect(parseBackgroundMessage({ type: 'page:highlights', url: 'https://news.example/a' }, 'extension').ok).toBe(
      true,
    );
  });

  it.each([
    [null, 'Rejected: a message must be an object with a "type"'],
    ['highlight:create', 'Rejected: a message must be an object with a "type"'],
    [{ type: 'drop-everything' }, 'Rejected: unknown message type "drop-everything"'],
    [{ type: '__proto__' }, 'Rejected: unknown message type "__proto__"'],
    [
      { ...create, color: 'red' },
      'Rejected "highlight:create": color must be one of yellow, green, blue, pink, purple',
    ],
    [
      { ...create, page: { ...create.page, url: 'javascript:alert(1)' } },
      'Rejected "highlight:create": page.url must be an http(s) URL or urn:x-pdf:<fingerprint>',
    ],
    [
      { ...create, target: { ...target, quote: { ...target.quote, exact: '' } } },
      'Rejected "highlight:create": target.quote.exact must not be empty',
    ],
    [
      { ...create, target: { ...target, position: { type: 'TextPositionSelector', start: -1, end: 2 } } },
      'Rejected "highlight:create": target.position.start must be a whole number ≥ 0',
    ],
    [{ ...create, note: 'x'.repeat(100_001) }, 'Rejected "highlight:create": note is longer than 100000 characters'],
    [{ type: 'highlight:update', id: 'a', note: 5 }, 'Rejected "highlight:update": note must be a string'],
    [{ type: 'highlight:delete' }, 'Rejected "highlight:delete": id must be a string'],
  ])('rejects %j with a clear error', (message, error) => {
    expect(parseBackgroundMessage(message, 'extension')).toEqual({ ok: false, code: 'rejected', error });
  });

  it('rejects anything from outside Clearmark', () => {
    expect(parseBackgroundMessage(create, null)).toEqual({
      ok: false,
      code: 'rejected',
      error: 'Rejected: the message did not come from Clearmark itself',
    });
  });
});

describe('parseContentMessage', () => {
  it('takes requests only from the extension, never from another content script', () => {
    expect(parseContentMessage({ type: 'page:info' }, 'extension').ok).toBe(true);
    expect(parseContentMessage({ type: 'selection:highlight' }, 'content')).toEqual({
      ok: false,
      code: 'rejected',
      error: 'Rejected: "selection:highlight" is not accepted from a content context',
    });
    expect(parseContentMessage({ type: 'highlight:reveal', id: 'x' }, null).ok).toBe(false);
  });
});

describe('export and import are for Clearmark’s own pages only', () => {
  it('refuses them from a content script, and checks their fields', async () => {
    const { parseBackgroundMessage } = await import('@/utils/shared/protocol');
    expect(parseBackgroundMessage({ type: 'export', format: 'csv', scope: 'all' }, 'content')).toEqual({
      ok: false,
      code: 'rejected',
      error: 'Rejected: "export" is not accepted from a content context',
    });
    expect(parseBackgroundMessage({ type: 'import', text: '{}' }, 'content')).toEqual({
      ok: false,
      code: 'rejected',
      error: 'Rejected: "import" is not accepted from a content context',
    });
    expect(parseBackgroundMessage({ type: 'export', format: 'pdf', scope: 'all' }, 'extension')).toEqual({
      ok: false,
      code: 'rejected',
      error: 'Rejected "export": format must be one of markdown, notes, jsonld, csv, html, backup, article',
    });
    expect(parseBackgroundMessage({ type: 'export', format: 'csv', scope: { url: 'file:///x' } }, 'extension')).toEqual(
      {
        ok: false,
        code: 'rejected',
        error: 'Rejected "export": scope.url must be an http(s) URL or urn:x-pdf:<fingerprint>',
      },
    );
    expect(
      parseBackgroundMessage({ type: 'export', format: 'csv', scope: { urls: ['https://a.example/'] } }, 'extension')
        .ok,
    ).toBe(true);
    expect(parseBackgroundMessage({ type: 'import', text: 5 }, 'extension')).toEqual({
      ok: false,
      code: 'rejected',
      error: 'Rejected "import": text must be the file’s text',
    });
  });
});

describe('the typed protocol', () => {
  it('dispatches each request to its own handler, and answers unreachable sides with a code', async () => {
    const { dispatch, createAsk } = await import('@/utils/shared/protocol');
    type Api = { 'a:get': { req: { n: number }; res: number }; 'b:get': { req: object; res: string } };
    const handlers = {
      'a:get': ({ n }: { n: number }) => ({ ok: true as const, value: n + 1 }),
      'b:get': () => ({ ok: true as const, value: 'b' }),
    };
    expect(await dispatch<Api, undefined>(handlers, { type: 'a:get', n: 1 }, undefined)).toEqual({
      ok: true,
      value: 2,
    });
    expect(await dispatch<Api, undefined>(handlers, { type: 'b:get' }, undefined)).toEqual({ ok: true, value: 'b' });
    const page = {
      silent: () => 'The page did not answer',
      unreachable: (reason: string) => `The page could not be reached (${reason})`,
    };
    const background = {
      silent: () => 'Clearmark’s background did not answer',
      unreachable: (reason: string) => `Clearmark’s background could not be reached (${reason})`,
    };
    const silent = createAsk<Api>(async () => undefined, page);
    expect(await silent({ type: 'b:get' })).toEqual({
      ok: false,
      code: 'unreachable',
      error: 'The page did not answer',
    });
    const gone = createAsk<Api>(async () => {
      throw new Error('Could not establish connection');
    }, background);
    expect(await gone({ type: 'b:get' })).toEqual({
      ok: false,
      code: 'unreachable',
      error: 'Clearmark’s background could not be reached (Could not establish connection)',
    });
  });
});

describe('tags in the protocol', () => {
  it('takes tags on highlight:update, lists tags from any context, renames them only from Clearmark’s pages', async () => {
    const { parseBackgroundMessage } = await import('@/utils/shared/protocol');
    expect(parseBackgroundMessage({ type: 'highlight:update', id: 'a', tags: ['one', 'two'] }, 'content').ok).toBe(
      true,
    );
    expect(parseBackgroundMessage({ type: 'highlight:update', id: 'a', tags: 'one' }, 'content')).toEqual({
      ok: false,
      code: 'rejected',
      error: 'Rejected "highlight:update": tags must be a list',
    });
    expect(parseBackgroundMessage({ type: 'highlight:update', id: 'a', tags: [''] }, 'content')).toEqual({
      ok: false,
      code: 'rejected',
      error: 'Rejected "highlight:update": tags[0] must not be empty',
    });
    expect(parseBackgroundMessage({ type: 'tags:list' }, 'content').ok).toBe(true);
    expect(parseBackgroundMessage({ type: 'tags:rename', from: 'a', to: 'b' }, 'extension').ok).toBe(true);
    expect(parseBackgroundMessage({ type: 'tags:rename', from: 'a', to: 'b' }, 'content')).toEqual({
      ok: false,
      code: 'rejected',
      error: 'Rejected: "tags:rename" is not accepted from a content context',
    });
  });
});
