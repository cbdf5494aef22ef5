/**
 * Getting an export out of an extension page: saved as a file through the browser's own
 * download (a blob link, so no downloads permission is needed), or copied to the clipboard.
 */
import { base64ToBytes } from '@/utils/shared/base64';
import type { ExportFile } from '@/utils/shared/model';
import type { Ask, BackgroundApi } from '@/utils/shared/protocol';

/**
 * Saves an export. One too big for one message (`transfer`) is read part by part, each kept as a
 * piece of the Blob: never joined into one string, and the page stays responsive between parts.
 */
export async function downloadFile(
  file: ExportFile,
  ask?: Ask<BackgroundApi>,
  progress?: (done: number, total: number) => void,
  doc: Document = document,
): Promise<void> {
  const type = file.base64 !== undefined || file.transfer?.binary ? file.mime : `${file.mime};charset=utf-8`;
  let blob: Blob;
  if (file.transfer) {
    if (!ask) throw new Error('This file comes in parts, and nothing here can ask for them.');
    const pieces: BlobPart[] = [];
    for (let index = 0; index < file.transfer.parts; index++) {
      progress?.(index, file.transfer.parts);
      const answer = await ask({ type: 'transfer:part', transfer: file.transfer.id, index });
      if (!answer.ok) throw new Error(answer.error);
      pieces.push(file.transfer.binary ? base64ToBytes(answer.value.text) : answer.value.text);
    }
    progress?.(file.transfer.parts, file.transfer.parts);
    blob = new Blob(pieces, { type });
  } else {
    blob = new Blob([file.base64 !== undefined ? base64ToBytes(file.base64) : file.text], { type });
  }
  saveBlob(blob, file.filename, doc);
}

function saveBlob(blob: Blob, filename: string, doc: Document): void {
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  doc.body.append(link);
  link.click();
  link.remove();
  // The download has taken its copy by the next task; keep the URL a while for slow browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
