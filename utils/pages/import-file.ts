/**
 * A file the user chose, as the `import` request carries it: text files as text, a zip (or
 * anything that is not UTF-8 text) as base64 bytes with its name. A file too big for one
 * extension message goes ahead in parts (`upload:part`), read slice by slice so the page stays
 * responsive, and the request names the upload. One too big to read at all is refused here,
 * before anything is sent.
 */
import { t } from '@/utils/i18n/words';
import { bytesToBase64 } from '@/utils/shared/base64';
import { MAX_IMPORT_CHARS } from '@/utils/engines/import/import-batch';
import { MAX_STREAMED_BACKUP_CHARS } from '@/utils/engines/export/backup';
import { newId } from '@/utils/shared/new-id';
import {
  PART_CHARS,
  type Ask,
  type BackgroundApi,
  type ImportFileRequest,
  type ImportSummary,
} from '@/utils/shared/protocol';
import { errorMessage, fail, ok, type Failure, type Result } from '@/utils/shared/result';

/** Files up to this size go in one message (their base64 stays far below the limit). */
const WHOLE_BYTES = 4 * 1024 * 1024;
/** Bytes read per slice: 6 MiB is 8 MiB of base64, one part. */
const SLICE_BYTES = (PART_CHARS / 4) * 3;

/**
 * Why a file cannot be imported at all, before any of it is read; null when it can be tried. A
 * backup is read in pieces up to MAX_STREAMED_BACKUP_CHARS; other files up to MAX_IMPORT_CHARS,
 * which the background checks once it sees what the file is.
 */
export function refusedUpFront(file: { size: number; name: string }): string | null {
  if (file.size > MAX_STREAMED_BACKUP_CHARS) {
    const mb = (n: number) => Math.round(n / 1024 / 1024);
    return t('fileTooLargeNamed', {
      file: file.name,
      size: mb(file.size),
      backups: mb(MAX_STREAMED_BACKUP_CHARS),
      others: mb(MAX_IMPORT_CHARS),
    });
  }
  return null;
}

export async function importRequestOf(
  file: File,
  ask?: Ask<BackgroundApi>,
  progress?: (done: number, total: number) => void,
): Promise<ImportFileRequest> {
  const refused = refusedUpFront(file);
  if (refused) throw new Error(refused);
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  const isZip = head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5);
  if (file.size > WHOLE_BYTES && ask) {
    const upload = (!isZip && (await uploadText(file, ask, progress))) || (await uploadBytes(file, ask, progress));
    return { upload, fileName: file.name };
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (!isZip) {
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), fileName: file.name };
    } catch {
      /* not UTF-8: sent as bytes, and the background says what it is not */
    }
  }
  return { dataBase64: bytesToBase64(bytes), fileName: file.name };
}

/** Sends a UTF-8 text file in parts; answers the upload's id, or null when the file is not UTF-8 after all. */
async function uploadText(
  file: File,
  ask: Ask<BackgroundApi>,
  progress?: (done: number, total: number) => void,
): Promise<string | null> {
  const upload = newId();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let index = 0;
  for (let at = 0; at < file.size; at += SLICE_BYTES) {
    progress?.(at, file.size);
    let text: string;
    try {
      const end = Math.min(file.size, at + SLICE_BYTES);
      text = decoder.decode(new Uint8Array(await file.slice(at, end).arrayBuffer()), { stream: end < file.size });
    } catch {
      return null;
    }
    // A slice of 6 MiB decodes to at most 6 Mi characters: one part.
    await send(ask, { type: 'upload:part', upload, index: index++, text, binary: false });
  }
  progress?.(file.size, file.size);
  return upload;
}

/** Sends any file's bytes in parts, as base64 (each part decodes on its own: slices are whole multiples of 3 bytes). */
async function uploadBytes(
  file: File,
  ask: Ask<BackgroundApi>,
  progress?: (done: number, total: number) => void,
): Promise<string> {
  const upload = newId();
  let index = 0;
  for (let at = 0; at < file.size; at += SLICE_BYTES) {
    progress?.(at, file.size);
    const bytes = new Uint8Array(await file.slice(at, Math.min(file.size, at + SLICE_BYTES)).arrayBuffer());
    await send(ask, { type: 'upload:part', upload, index: index++, text: bytesToBase64(bytes), binary: true });
  }
  progress?.(file.size, file.size);
  return upload;
}

async function send(
  ask: Ask<BackgroundApi>,
  message: { type: 'upload:part'; upload: string; index: number; text: string; binary: boolean },
): Promise<void> {
  const answer = await ask(message);
  if (!answer.ok) throw new Error(answer.error);
}

/**
 * Runs an import to its end: a large one answers step by step (`import:next`), and the counts are
 * added up. A step that fails says how far the import got; what was written stays, and importing
 * the file again finishes it without doubling anything.
 */
export async function importAll(
  ask: Ask<BackgroundApi>,
  request: ImportFileRequest,
): Promise<Result<ImportSummary> | (Failure & { partly: true })> {
  let answer = await ask({ type: 'import', ...request });
  if (!answer.ok) return answer;
  const sum = { ...answer.value };
  while (answer.value.next) {
    const job: string = answer.value.next;
    const step: Result<ImportSummary> = await ask({ type: 'import:next', job }).catch((e: unknown) =>
      fail('storage', errorMessage(e)),
    );
    if (!step.ok) {
      return {
        ...fail(step.code, t('importStopped', { done: sum.done ?? 0, total: sum.total ?? 0, error: step.error })),
        partly: true,
      };
    }
    answer = step;
    sum.added += step.value.added;
    sum.merged += step.value.merged;
    sum.skipped += step.value.skipped;
    sum.done = step.value.done;
  }
  delete sum.next;
  return ok(sum);
}
