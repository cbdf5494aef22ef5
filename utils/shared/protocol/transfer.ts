/**
 * Requests that move whole files: exports, imports (checked whole, previewed, written in steps),
 * and the parts a file too big for one message travels in. Clearmark's pages only: reading or
 * replacing the whole library is never a content script's to ask.
 */
import * as v from 'valibot';
import { count, flag, isRecord, listOf, pageUrl, nonEmptyText, oneOf, shape, text } from '../checks';
import { EXPORT_FORMATS, type ExportFile } from '../model';
import { FROM_PAGES, rule, type ApiOf } from './messaging';

/**
 * Files too big for one extension message travel in parts of at most this many characters
 * (utils/background/transfers.ts): far below Chrome's 64 MiB message limit.
 */
export const PART_CHARS = 8 * 1024 * 1024;
const MAX_PART = PART_CHARS + 16;

/** A file to import: its text, its bytes in base64, or the id of an upload sent in parts (`upload:part`). */
const importFile = {
  text: v.optional(v.string('must be the file’s text')),
  dataBase64: v.optional(v.string('must be the file’s bytes in base64')),
  upload: v.optional(nonEmptyText(100)),
  fileName: v.optional(text(1_000)),
};
/** One page, a selection of pages, or everything: told apart by the field given, so an error names that field's problem. */
const onePage = /*#__PURE__*/ shape({ url: pageUrl });
const somePages = /*#__PURE__*/ shape({ urls: listOf(pageUrl, 100_000) });
const everything = /*#__PURE__*/ v.literal('all', 'must be "all", { url } or { urls }');
const exportScope = /*#__PURE__*/ v.lazy((input) =>
  isRecord(input) && 'urls' in input ? somePages : isRecord(input) && 'url' in input ? onePage : everything,
);

export const transferRules = {
  /** A file of highlights (or the backup, or articles as Markdown) for one page, a selection of pages, or everything. */
  export: rule({ format: oneOf(EXPORT_FORMATS), scope: exportScope }, FROM_PAGES),
  /**
   * Imports a file of notes — a Clearmark backup or another tool's export, told apart by its
   * content: checked whole first, then written in one transaction, or nothing changes. A file of
   * more highlights than one step writes (utils/background/import-steps.ts) answers with `next`:
   * the page asks `import:next` for the rest, step by step, and adds the counts up.
   */
  import: rule(importFile, FROM_PAGES),
  /** What `import` would do with the file, without writing anything. */
  'import:preview': rule(importFile, FROM_PAGES),
  /** The next step of an import written in steps; its counts are that step's. */
  'import:next': rule({ job: nonEmptyText(100) }, FROM_PAGES),
  /** One part of an export too big for one message (`ExportFile.transfer`): text, or base64 for a binary file. */
  'transfer:part': rule({ transfer: nonEmptyText(100), index: count }, FROM_PAGES),
  /** One part of a file too big for one message, on its way to `import` (which then names `upload`). */
  'upload:part': rule({ upload: nonEmptyText(100), index: count, text: text(MAX_PART), binary: flag }, FROM_PAGES),
};

export type ImportFileRequest = v.InferOutput<(typeof transferRules)['import']['payload']>;
export type ExportScope = v.InferOutput<typeof exportScope>;

export interface ImportSummary {
  /** Highlights new to this library. */
  added: number;
  /** Highlights here that the file changed: a later edit of the same one, or another note or tags for the same passage. */
  merged: number;
  /** Highlights already here and unchanged, and entries of the file that could not be imported. */
  skipped: number;
  /** Articles saved for later (a reading list) or saved copies (a backup) new here. */
  articles?: number;
  /** What the file was (`clearmark-backup`, `hypothesis`, `readwise-csv`, `omnivore`, `obsidian-web-clipper`, `web-annotation`, `pocket`, `instapaper`, `bookmarks`, `links`). */
  format: string;
  /** Present while more of the file is to be written: the job `import:next` names. */
  next?: string;
  /** Highlights written so far, and how many the file holds (an import written in steps). */
  done?: number | undefined;
  total?: number | undefined;
}

export interface ImportPreview {
  format: string;
  /** The tool's name as a person says it ("Hypothesis", "a Clearmark backup"). */
  source: string;
  /** Highlights the file holds that Clearmark can import, and on how many pages. */
  highlights: number;
  pages: number;
  added: number;
  merged: number;
  /** Of the file's highlights, those here already and unchanged. */
  alreadyHere: number;
  /** Articles the file brings to read later (or saved copies, from a backup) that are not here yet. */
  articles: number;
  /** Articles the file lists in all (a reading list), new or not. */
  listed: number;
  /** Entries that will not be imported, with where they are and why (the first few hundred), and how many in all. */
  problems: { where: string; reason: string }[];
  skipped: number;
}

export interface TransferAnswers {
  export: ExportFile;
  import: ImportSummary;
  'import:preview': ImportPreview;
  'import:next': ImportSummary;
  'transfer:part': { text: string };
  'upload:part': { received: number };
}

export type TransferApi = ApiOf<typeof transferRules, TransferAnswers>;
