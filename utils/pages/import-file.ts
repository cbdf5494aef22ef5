/**
 * A file the user chose, as the `import` request carries it: text files as text, a zip (or
 * anything that is not UTF-8 text) as base64 bytes with its name.
 */
import { bytesToBase64 } from '@/utils/shared/base64';
import type { ImportFileRequest } from '@/utils/shared/protocol';

export async function importRequestOf(file: File): Promise<ImportFileRequest> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const isZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5);
  if (!isZip) {
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), fileName: file.name };
    } catch {
      /* not UTF-8: sent as bytes, and the background says what it is not */
    }
  }
  return { dataBase64: bytesToBase64(bytes), fileName: file.name };
}
