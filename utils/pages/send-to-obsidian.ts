/**
 * "Send to Obsidian" from the popup and the library: the background writes the saved article as
 * Markdown (the `article` export), and the note is handed to Obsidian through its `obsidian://new`
 * address, in the vault and folder the settings name. A note longer than an address may be is
 * downloaded instead, and the user is told so.
 */
import { t } from '@/utils/i18n/words';
import { obsidianNewUri } from '@/utils/engines/export/obsidian-uri';
import { vaultFolder } from '@/utils/engines/export/article-files';
import { askBackground } from './extension-client';
import { downloadFile } from './file-actions';

/** Sends a saved article; answers what happened, in words for the user. */
export async function sendToObsidian(url: string, doc: Document = document): Promise<{ ok: boolean; message: string }> {
  const [file, settings] = await Promise.all([
    askBackground({ type: 'export', format: 'article', scope: { url } }),
    askBackground({ type: 'settings:get' }),
  ]);
  if (!file.ok) return { ok: false, message: file.error };
  if (!settings.ok) return { ok: false, message: settings.error };
  const name = file.value.filename.replace(/\.md$/, '');
  const uri = file.value.transfer
    ? null
    : obsidianNewUri({
        vault: settings.value.obsidian.vault,
        folder: vaultFolder(settings.value.obsidian.folder),
        name,
        content: file.value.text,
      });
  if (!uri) {
    await downloadFile(file.value, askBackground, undefined, doc);
    return { ok: true, message: t('obsidianTooLong', { file: file.value.filename }) };
  }
  openAddress(uri, doc);
  return { ok: true, message: t('obsidianSent', { name }) };
}

/**
 * Opens an address of another application, as a link does: the browser asks the user to allow
 * Obsidian (once) and the page stays. (Where no application takes `obsidian:` at all, Firefox shows
 * its page for an address it does not understand.)
 */
function openAddress(uri: string, doc: Document): void {
  // The test build keeps the address where real-browser checks read it, and opens nothing: no
  // Obsidian is installed where the checks run.
  if (__TEST_BUILD__) {
    doc.documentElement.dataset.clearmarkObsidianUri = uri;
    return;
  }
  const link = doc.createElement('a');
  link.href = uri;
  link.hidden = true;
  doc.body.append(link);
  link.click();
  link.remove();
}
