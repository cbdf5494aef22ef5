/**
 * Getting an export out of an extension page: saved as a file through the browser's own
 * download (a blob link, so no downloads permission is needed), or copied to the clipboard.
 */
export interface FileLike {
  filename: string;
  mime: string;
  text: string;
}

export function downloadFile(file: FileLike, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: `${file.mime};charset=utf-8` }));
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

