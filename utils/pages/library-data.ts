/**
 * Reading the whole library from an extension page. Extension pages share the extension's
 * origin with the background, so they read IndexedDB directly — far faster than passing ten
 * thousand records through messages — while every change still goes through the background,
 * which tells all open views.
 */
import { browser } from 'wxt/browser';
import { Library } from '../background/storage';
import { backgroundReads, type LibraryReads } from './background-reads';
import { askBackground } from './extension-client';

/**
 * Whether this page's IndexedDB is the background's. In Firefox an extension page in a private
 * window has a database of its own (empty, forgotten when the window closes): such a page asks
 * the background instead.
 */
function sharesLibrary(): boolean {
  return !browser.extension.inIncognitoContext;
}

let opened: Promise<LibraryReads> | null = null;

/** The library to read: its database, or, where this page has a database of its own (see above), the background. */
export function readLibrary(): Promise<LibraryReads> {
  return (opened ??= (sharesLibrary() ? Library.open() : Promise.resolve(backgroundReads(askBackground))).catch(
    (error: unknown) => {
      opened = null;
      throw error;
    },
  ));
}
