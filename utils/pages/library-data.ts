/**
 * Reading the whole library from an extension page. Extension pages share the extension's
 * origin with the background, so they read IndexedDB directly — far faster than passing ten
 * thousand records through messages — while every change still goes through the background,
 * which tells all open views.
 */
import { browser } from 'wxt/browser';
import { Library } from '../background/storage';

/**
 * Whether this page's IndexedDB is the background's. In Firefox an extension page in a private
 * window has a database of its own (empty, forgotten when the window closes): such a page asks
 * the background instead.
 */
export function sharesLibrary(): boolean {
  return !browser.extension.inIncognitoContext;
}

let opened: Promise<Library> | null = null;

export function readLibrary(): Promise<Library> {
  return (opened ??= Library.open().catch((error: unknown) => {
    opened = null;
    throw error;
  }));
}
