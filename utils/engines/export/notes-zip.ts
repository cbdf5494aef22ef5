/**
 * "One note per page" for Obsidian and other vaults of Markdown files: a zip (fflate) holding
 * one `.md` note per page, each as the single-page Markdown export writes it, under a name
 * made from the page's title that is safe on Windows, macOS and Linux and unique in the zip.
 */
import { strToU8, zipSync } from 'fflate';
import { toMarkdown } from './markdown';
import type { PageHighlightsExport } from './export-input';
import { say } from '../engine-words';

const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
const MAX_NAME = 100;

/** A file name (without extension) from a title: no character any of the three systems refuses, never empty or reserved. */
export function safeFileName(title: string): string {
  let name = title
    .normalize('NFC')
    // Refused on Windows (and "/" everywhere), control characters, and Obsidian's link syntax.
    // eslint-disable-next-line no-control-regex -- control characters are exactly what a file name must not hold
    .replace(/[<>:"/\\|?*\u0000-\u001f\u007f#^[\]]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    // Windows drops trailing dots and spaces; a leading dot hides the file.
    .replace(/^[.\s]+|[.\s]+$/g, '');
  const characters = Array.from(name);
  if (characters.length > MAX_NAME) name = characters.slice(0, MAX_NAME).join('').trim();
  if (!name) name = say('untitled');
  if (RESERVED.test(name)) name = `${name} (page)`;
  return name;
}

/** Unique names, case-insensitively (macOS and Windows do not tell "A" from "a"): "Title", "Title (2)", … */
export function uniqueNames(names: string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    let candidate = name;
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${name} (${n})`;
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}

/** The zip's bytes: one note per page. */
export function toNotesZip(entries: PageHighlightsExport[], exportedAt: number): Uint8Array {
  const names = uniqueNames(entries.map(({ page }) => safeFileName(page.title || page.url)));
  const files: Record<string, Uint8Array> = {};
  entries.forEach((entry, i) => {
    files[`${names[i]}.md`] = strToU8(toMarkdown([entry], exportedAt));
  });
  // A fixed time in every entry, so the same notes give the same bytes.
  return zipSync(files, { level: 6, mtime: new Date(exportedAt) });
}
