/**
 * A saved copy lives in four stores: its facts (`articles`), its HTML, its text, and the pictures
 * kept offline of it. Every path that writes, reads whole or deletes a copy (a save, an import,
 * sync) goes through here, so none forgets a store.
 */
import type { SavedArticle } from '../../shared/model';
import type { SavedArticleMeta } from './schema';

/** What a store of a copy's records is asked for when the copy is written. */
interface CopyStore<Value> {
  put(value: Value): Promise<unknown>;
}

/** A read-write transaction over a copy's stores (and any others: a save also writes the outbox). */
interface CopyTransaction {
  objectStore(name: 'articles'): CopyStore<SavedArticleMeta>;
  objectStore(name: 'articleBodies'): CopyStore<{ url: string; html: string }>;
  objectStore(name: 'articleTexts'): CopyStore<{ url: string; text: string }>;
}

/** A read-write transaction over a copy's stores and its pictures kept offline (a copy deleted takes them with it). */
interface CopyDeleteTransaction {
  objectStore(name: 'articles' | 'articleBodies' | 'articleTexts'): { delete(key: string): Promise<unknown> };
  objectStore(name: 'articleImages'): {
    delete(key: IDBValidKey): Promise<unknown>;
    index(name: 'byArticle'): { getAllKeys(query: IDBKeyRange): Promise<IDBValidKey[]> };
  };
}

/** Writes a copy's facts, HTML and text (its pictures are kept apart, as they are fetched). */
export function putCopy(tx: CopyTransaction, meta: SavedArticleMeta, html: string, text: string): Promise<unknown> {
  return Promise.all([
    tx.objectStore('articles').put(meta),
    tx.objectStore('articleBodies').put({ url: meta.url, html }),
    tx.objectStore('articleTexts').put({ url: meta.url, text }),
  ]);
}

/** A copy whole, from its records (a copy whose text record is missing reads as no text, never as no copy). */
export function wholeCopy(
  meta: SavedArticleMeta,
  body: { html: string },
  text: { text: string } | undefined,
): SavedArticle {
  return { ...meta, html: body.html, text: text?.text ?? '' };
}

/** Deletes a copy's facts, HTML, text and pictures kept offline. */
export async function deleteCopy(tx: CopyDeleteTransaction, url: string): Promise<void> {
  const images = tx.objectStore('articleImages');
  const pictures = await images.index('byArticle').getAllKeys(IDBKeyRange.only(url));
  await Promise.all([
    ...pictures.map((key) => images.delete(key)),
    tx.objectStore('articles').delete(url),
    tx.objectStore('articleBodies').delete(url),
    tx.objectStore('articleTexts').delete(url),
  ]);
}
