/**
 * A file the user chose, as the `import` request carries it: text files as text, a zip (or
 * anything that is not UTF-8 text) as base64 bytes with its name.
 */
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
  return { dataBase64: toBase64(bytes), fileName: file.name };
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
