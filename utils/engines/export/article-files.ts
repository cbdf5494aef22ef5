/**
 * The files of the `article` export: a note's name from the user's template, the names of an
 * article's pictures kept offline beside it (`attachments/`), and the zip that holds several
 * articles. The Markdown itself is article-markdown.ts's; this module only names and packs.
 */
import { strToU8, zipSync } from 'fflate';
import { isoDay, slug } from './export-input';
import { safeFileName, uniqueNames } from './notes-zip';

/** What a note's name may be made of. */
export interface NamedArticle {
  url: string;
  title: string;
  site: string;
  published: string;
  savedAt: number;
}

/** The note's name (no extension) from a template: `{{title}}`, `{{site}}`, `{{date}}`, `{{published}}`; safe on every system. */
export function noteName(template: string, article: NamedArticle): string {
  const fields: Record<string, string> = {
    title: article.title.trim() || article.url,
    site: article.site,
    date: isoDay(article.savedAt),
    published: /^\d{4}-\d{2}-\d{2}/.exec(article.published)?.[0] ?? article.published,
  };
  const filled = (template.trim() || '{{title}}').replace(
    /\{\{\s*(\w+)\s*\}\}/g,
    (whole, name: string) => fields[name.toLowerCase()] ?? whole,
  );
  return safeFileName(filled);
}

/** A folder path inside a vault: each part made safe, empty parts dropped. */
export function vaultFolder(folder: string): string {
  return folder
    .split(/[/\\]+/)
    .map((part) => part.trim())
    .filter((part) => part && part !== '.' && part !== '..')
    .map(safeFileName)
    .join('/');
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/svg+xml': 'svg',
};

/** Where each of an article's pictures is written beside its note: `attachments/<note>-<n>.<ext>`. */
export function attachmentPaths(note: string, pictures: { src: string; type: string }[]): Record<string, string> {
  const base = slug(note, 'picture');
  return Object.fromEntries(
    pictures.map((p, i) => [p.src, `attachments/${base}-${i + 1}.${EXTENSIONS[p.type] ?? 'img'}`]),
  );
}

export interface ArticleNote {
  name: string;
  markdown: string;
  /** Pictures by the path the note names them with. */
  attachments: Record<string, Uint8Array>;
}

/** Notes' names for several articles, unique in one folder (before their pictures are named after them). */
export function noteNames(template: string, articles: NamedArticle[]): string[] {
  return uniqueNames(articles.map((a) => noteName(template, a)));
}

/** Several articles as one zip: a note each (named by `noteNames`), their pictures under `attachments/`. */
export function articlesZip(notes: ArticleNote[], exportedAt: number): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  notes.forEach((note) => {
    files[`${note.name}.md`] = strToU8(note.markdown);
    for (const [path, bytes] of Object.entries(note.attachments)) files[path] = bytes;
  });
  return zipSync(files, { level: 6, mtime: new Date(exportedAt) });
}
