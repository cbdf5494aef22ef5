/**
 * Reads a file of notes from any tool Clearmark imports, deciding what it is from its content
 * (the file name is only a hint for the message when it is nothing Clearmark knows). The whole
 * file is read and checked here, before storage sees any of it.
 */
import { base64ToBytes } from '../../shared/base64';
import { fail, ok, type Result } from '../../shared/result';
import { BACKUP_FORMAT, parseBackup, type Backup } from '../export/backup';
import { isHypothesis, readHypothesis } from './hypothesis';
import { MAX_IMPORT_CHARS, type ImportBatch } from './import-batch';
import { isObsidianClipper, readObsidianClipper } from './obsidian-clipper';
import { readOmnivoreZip } from './omnivore';
import { looksLikeReadwiseCsv, readReadwiseCsv } from './readwise-csv';
import { isWebAnnotation, readWebAnnotations } from './web-annotation-import';
import { isZip, zipDirectory } from './zip-entries';
import { POCKET_PART, readPocketZip, readingListOf } from './reading-lists';
import { say } from '../engine-words';

export {
  sourceLabel,
  whereTheFile,
  IMPORT_FORMATS,
  type ImportBatch,
  type ImportFormat,
  type ImportProblem,
} from './import-batch';

/** A file as the library hands it over: text for text files, bytes for binary ones. */
export type ImportInput =
  { text: string; fileName?: string | undefined } | { bytes: Uint8Array; fileName?: string | undefined };

const expected = () => say('importExpected');

/** The `import` request's file: `{ text }` for text files, `{ dataBase64, fileName }` for binary ones. */
export function importInputOf(request: {
  text?: string | undefined;
  dataBase64?: string | undefined;
  fileName?: string | undefined;
}): Result<ImportInput> {
  if (typeof request.text === 'string') return ok({ text: request.text, fileName: request.fileName });
  if (typeof request.dataBase64 === 'string') {
    if (request.dataBase64.length > (MAX_IMPORT_CHARS * 4) / 3 + 4)
      return tooLarge((request.dataBase64.length * 3) / 4);
    try {
      return ok({ bytes: base64ToBytes(request.dataBase64), fileName: request.fileName });
    } catch {
      return fail('invalid-file', say('importNotBase64'));
    }
  }
  return fail('invalid-file', say('importNoFile'));
}

export function readImport(input: ImportInput, now: number): Result<ImportBatch> {
  // The file by its name when it has one ("“notes.json” is empty."), else as "the file".
  const file = input.fileName ? say('fileNamed', { name: input.fileName.slice(0, 120) }) : say('theFile');
  const File = input.fileName ? file : say('theFileCapital');
  if ('bytes' in input) {
    if (isZip(input.bytes)) {
      // Pocket's export is CSV parts; Omnivore's, metadata files (which says so when they are missing).
      const names = zipDirectory(input.bytes);
      if (names.ok && names.value.some((e) => POCKET_PART.test(e.name))) return readPocketZip(input.bytes, now);
      return readOmnivoreZip(input.bytes, now);
    }
    // Text sent as bytes: read it as UTF-8.
    if (input.bytes.length > MAX_IMPORT_CHARS) return tooLarge(input.bytes.length);
    const text = new TextDecoder('utf-8', { fatal: false }).decode(input.bytes);
    if (text.includes('\u0000')) return fail('invalid-file', `${say('importNotText', { file: File })} ${expected()}`);
    return readImport({ text, fileName: input.fileName }, now);
  }
  if (typeof input.text !== 'string') return fail('invalid-file', say('fileNotText'));
  if (input.text.length > MAX_IMPORT_CHARS) return tooLarge(input.text.length);
  const text = input.text.replace(/^\uFEFF/, '');
  if (!text.trim()) return fail('invalid-file', say('importEmpty', { file: File }));
  if (/^\s*[[{]/.test(text)) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      return fail(
        'invalid-file',
        say('importNotJson', { file: File, error: error instanceof Error ? error.message : String(error) }),
      );
    }
    if (typeof data === 'object' && data !== null && (data as { format?: unknown }).format === BACKUP_FORMAT) {
      const backup = parseBackup(text);
      return backup.ok ? ok(backupBatch(backup.value)) : backup;
    }
    if (isHypothesis(data)) return readHypothesis(data, now);
    if (isWebAnnotation(data)) return readWebAnnotations(data, now);
    if (isObsidianClipper(data)) return readObsidianClipper(data, now);
    return fail('invalid-file', `${say('importUnknownJson', { file: File })} ${expected()}`);
  }
  if (looksLikeReadwiseCsv(text)) return readReadwiseCsv(text, now);
  const readingList = readingListOf(text);
  if (readingList) return readingList(text, now);
  return fail('invalid-file', `${say('importUnknown', { file })} ${expected()}`);
}

/** A Clearmark backup as an import: everything in it, nothing skipped (it was checked whole). */
export function backupBatch(backup: Backup): ImportBatch {
  const { pages, highlights, settings, articles, pictures } = backup;
  return { format: 'clearmark-backup', pages, highlights, settings, articles, pictures, skipped: [], skippedCount: 0 };
}

function tooLarge(size: number): Result<never> {
  return fail(
    'invalid-file',
    say('importTooLarge', { size: Math.round(size / 1024 / 1024), max: MAX_IMPORT_CHARS / 1024 / 1024 }),
  );
}
