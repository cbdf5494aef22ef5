/**
 * The library's reads, asked of the background: for a page that cannot read the library's
 * database itself. In a Firefox private window an extension page has an IndexedDB of its own,
 * empty and forgotten when the window closes, while the library is the background's; such a page
 * reads through these instead (library-data.ts), each read one request.
 */
import type { Library } from '../background/storage';
import { base64ToBytes } from '../shared/base64';
import type { Ask, BackgroundApi } from '../shared/protocol';
import { CodedError, type Result } from '../shared/result';

/** What Clearmark's pages read of the library. */
export type LibraryReads = Pick<
  Library,
  | 'page'
  | 'pageList'
  | 'newestPages'
  | 'everythingInBatches'
  | 'savedList'
  | 'newestSaved'
  | 'savedUrls'
  | 'isSaved'
  | 'tags'
  | 'urlsTagged'
  | 'settings'
  | 'articleImages'
>;

const value = <T>(answer: Result<T>): T => {
  if (!answer.ok) throw new CodedError(answer.code, answer.error);
  return answer.value;
};

export function backgroundReads(ask: Ask<BackgroundApi>): LibraryReads {
  const savedList = async () => value(await ask({ type: 'saved:list' }));
  const pageList = async () => value(await ask({ type: 'library:pages' }));
  return {
    page: async (url) => value(await ask({ type: 'page:highlights', url })),
    pageList,
    newestPages: async (limit) => (await pageList()).slice(0, limit),
    everythingInBatches: async () => value(await ask({ type: 'library:everything' })),
    savedList,
    newestSaved: async (limit) => (await savedList()).slice(0, limit),
    savedUrls: async () => (await savedList()).map((item) => item.url),
    isSaved: async (url) => (await savedList()).some((item) => item.url === url),
    tags: async () => value(await ask({ type: 'tags:list' })),
    urlsTagged: async (tag) => new Set(value(await ask({ type: 'tags:pages', tag }))),
    settings: async () => value(await ask({ type: 'settings:get' })),
    articleImages: async (url) =>
      new Map(
        value(await ask({ type: 'saved:images', url })).map((p) => [
          p.src,
          new Blob([base64ToBytes(p.data)], { type: p.type }),
        ]),
      ),
  };
}
