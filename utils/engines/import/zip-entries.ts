/**
 * Reading the few entries an import needs from a zip, safely: the central directory is read
 * first and a zip with too many entries or too much unpacked data is refused before anything is
 * inflated (a zip bomb costs a directory read). An entry is inflated into a buffer of the size it
 * declares, so one that lies about its size cannot grow past it.
 */
import { unzipSync } from 'fflate';
import { fail, ok, type Result } from '../../shared/result';
import { say } from '../engine-words';

export const MAX_ZIP_BYTES = 64 * 1024 * 1024;
export const MAX_ZIP_ENTRIES = 20_000;
/** All entries together, as their headers declare. */
export const MAX_ZIP_UNPACKED = 512 * 1024 * 1024;
/** The entries an import reads, together. */
export const MAX_ZIP_READ = 64 * 1024 * 1024;

export interface ZipEntryInfo {
  name: string;
  size: number;
}

export const isZip = (bytes: Uint8Array): boolean =>
  bytes.length >= 4 &&
  bytes[0] === 0x50 &&
  bytes[1] === 0x4b &&
  (bytes[2] === 0x03 || bytes[2] === 0x05) &&
  (bytes[3] === 0x04 || bytes[3] === 0x06);

class Refused extends Error {}

/** The zip's entries as its directory lists them, or why the zip is refused. */
export function zipDirectory(bytes: Uint8Array): Result<ZipEntryInfo[]> {
  if (bytes.length > MAX_ZIP_BYTES)
    return fail('invalid-file', say('zipTooLarge', { size: mb(bytes.length), max: mb(MAX_ZIP_BYTES) }));
  const entries: ZipEntryInfo[] = [];
  let unpacked = 0;
  try {
    unzipSync(bytes, {
      filter: (file) => {
        if (entries.length >= MAX_ZIP_ENTRIES) throw new Refused(say('zipTooManyFiles', { max: MAX_ZIP_ENTRIES }));
        unpacked += file.originalSize;
        if (unpacked > MAX_ZIP_UNPACKED) throw new Refused(say('zipBomb', { max: mb(MAX_ZIP_UNPACKED) }));
        entries.push({ name: file.name, size: file.originalSize });
        return false;
      },
    });
  } catch (error) {
    if (error instanceof Refused) return fail('invalid-file', error.message);
    return fail(
      'invalid-file',
      say('zipDamagedOrShort', { error: error instanceof Error ? error.message : String(error) }),
    );
  }
  return ok(entries);
}

/** The named entries' text (UTF-8), inflated only now; the directory must have been checked. */
export function zipTexts(bytes: Uint8Array, names: ReadonlySet<string>): Result<Map<string, string>> {
  let total = 0;
  try {
    const files = unzipSync(bytes, {
      filter: (file) => {
        if (!names.has(file.name)) return false;
        total += file.originalSize;
        if (total > MAX_ZIP_READ) throw new Refused(say('zipNotesTooLarge', { max: mb(MAX_ZIP_READ) }));
        return true;
      },
    });
    const decoder = new TextDecoder('utf-8', { fatal: false });
    return ok(new Map(Object.entries(files).map(([name, data]) => [name, decoder.decode(data)])));
  } catch (error) {
    if (error instanceof Refused) return fail('invalid-file', error.message);
    return fail('invalid-file', say('zipDamaged', { error: error instanceof Error ? error.message : String(error) }));
  }
}
const mb = (bytes: number): number => Math.round(bytes / 1024 / 1024);
