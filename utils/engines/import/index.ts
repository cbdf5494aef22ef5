/**
 * Reads a file of notes from any tool Clearmark imports, deciding what it is from its content
 * (the file name is only a hint for the message when it is nothing Clearmark knows). The whole
 * file is read and checked here, before storage sees any of it.
 */
import { base64ToBytes } from '../../shared/base64';
import { fail, ok, type Result } from '../../shared/result';
import { BACKUP_FORMAT, parseBackup } from '../export/backup';
import { isHypothesis, readHypothesis } from './hypothesis';
import { MAX_IMPORT_CHARS, type ImportBatch } from './import-batch';
import { isObsidianClipper, readObsidianClipper } from './obsidian-clipper';
import { readOmnivoreZip } from './omnivore';
import { looksLikeReadwiseCsv, readReadwiseCsv } from './readwise-csv';
import { isWebAnnotation, readWebAnnotations } from './web-annotation-import';
import { isZip } from './zip-entries';

export { FORMAT_LABELS, IMPORT_FORMATS, type ImportBatch, type ImportFormat, type ImportProblem } from './import-batch';

/** A file as the library hands it over: text for text files, bytes for binary ones. */
export type ImportInput = { text: string; fileName?: string | undefined } | { bytes: Uint8Array; fileName?: string | undefined };

const EXPECTED =
  'Clearmark imports a Clearmark backup (.json), a Hypothesis export (.json), a Readwise CSV (.csv), an Omnivore export (.zip), Obsidian Web Clipper highlights (.json) and W3C Web Annotations (.json or .jsonld).';

/** The `import` request's file: `{ text }` for text files, `{ dataBase64, fileName }` for binary ones. */
export function importInputOf(request: { text?: string; dataBase64?: string; fileName?: string }): Result<ImportInput> {
  if (typeof request.text === 'string') return ok({ text: request.text, fileName: request.fileName });
  if (typeof request.dataBase64 === 'string') {
    if (request.dataBase64.length > (MAX_IMPORT_CHARS * 4) / 3 + 4) return tooLarge((request.dataBase64.length * 3) / 4);
    try {
      return ok({ bytes: base64ToBytes(request.dataBase64), fileName: request.fileName });
    } catch {
      return fail('invalid-file', 'The file’s data is not valid base64.');
    }
  }
  return fail('invalid-file', 'No file was given: send { text } or { dataBase64, fileName }.');
}

export function readImport(input: ImportInput, now: number): Result<ImportBatch> {
  const name = input.fileName ? `“${input.fileName.slice(0, 120)}”` : 'The file';
  if ('bytes' in input) {
    if (isZip(input.bytes)) return readOmnivoreZip(input.bytes, now);
    // Text sent as bytes: read it as UTF-8.
    if (input.bytes.length > MAX_IMPORT_CHARS) return tooLarge(input.bytes.length);
    const text = new TextDecoder('utf-8', { fatal: false }).decode(input.bytes);
    if (text.includes('\u0000')) return fail('invalid-file', `${name} is not a text file or a zip. ${EXPECTED}`);
    return readImport({ text, fileName: input.fileName }, now);
  }
  if (typeof input.text !== 'string') return fail('invalid-file', 'The file could not be read as text.');
  if (input.text.length > MAX_IMPORT_CHARS) return tooLarge(input.text.length);
  const text = input.text.replace(/^\uFEFF/, '');
  if (!text.trim()) return fail('invalid-file', `${name} is empty.`);
  if (/^\s*[[{]/.test(text)) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      return fail('invalid-file', `${name} is not valid JSON, so it may be cut short or edited by hand (${error instanceof Error ? error.message : String(error)}).`);
    }
    if (typeof data === 'object' && data !== null && (data as { format?: unknown }).format === BACKUP_FORMAT) {
      const backup = parseBackup(text);
      if (!backup.ok) return backup;
      return ok({ format: 'clearmark-backup', pages: backup.value.pages, highlights: backup.value.highlights, settings: backup.value.settings, articles: backup.value.articles, pictures: backup.value.pictures, skipped: [], skippedCount: 0 });
    }
    if (isHypothesis(data)) return readHypothesis(data, now);
    if (isWebAnnotation(data)) return readWebAnnotations(data, now);
    if (isObsidianClipper(data)) return readObsidianClipper(data, now);
    return fail('invalid-file', `${name} is JSON, but not notes Clearmark knows. ${EXPECTED}`);
  }
  if (looksLikeReadwiseCsv(text)) return readReadwiseCsv(text, now);
  return fail('invalid-file', `Clearmark could not tell what ${name === 'The file' ? 'the file' : name} holds. ${EXPECTED}`);
}

function tooLarge(size: number): Result<never> {
  return fail('invalid-file', `The file is too large (${Math.round(size / 1024 / 1024)} MB); Clearmark reads files of up to ${MAX_IMPORT_CHARS / 1024 / 1024} MB.`);
}
