/**
 * Reading the whole library from an extension page. Extension pages share the extension's
 * origin with the background, so they read IndexedDB directly — far faster than passing ten
 * thousand records through messages — while every change still goes through the background,
 * which tells all open views.
 */
import { Library } from '../background/storage';

let opened: Promise<Library> | null = null;

export function readLibrary(): Promise<Library> {
  return (opened ??= Library.open().catch((error: unknown) => {
    opened = null;
    throw error;
  }));
}
