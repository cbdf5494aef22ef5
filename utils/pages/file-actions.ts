/**
 * Getting an export out of an extension page: saved as a file through the browser's own
 * download (a blob link, so no downloads permission is needed), or copied to the clipboard.
 */
import { base64ToBytes } from '@/utils/shared/base64';

export interface FileLike {
  filename: string;
  mime: string;
  text: string;
  /** A binary file's bytes (a zip), in base64. */
  base64?: string;
}

export function downloadFile(file: FileLike, doc: Document = document): void {
  const blob = file.base64 !== undefined
    ? new Blob([base64ToBytes(file.base64)], { type: file.mime })
    : new Blob([file.text], { type: `${file.mime};charset=utf-8` });
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.hidden = true;
  doc.body.append(link);
  link.click();
  link.remove();
  // The download has taken its copy by the next task; keep the URL a while for slow browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

