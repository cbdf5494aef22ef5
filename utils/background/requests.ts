/**
 * What the background does for each request of the protocol, over the Library alone (no
 * browser APIs), so it can be tested with an in-memory IndexedDB. The background entrypoint
 * only checks senders, calls this, and broadcasts the change notices it returns.
 */
import type { BackgroundApi, BackgroundMessage } from './protocol';
import { errorMessage, fail, ok, type Result } from './result';
import type { Library } from './storage';
import { exportAs } from './export';
import { parseBackup } from './export/backup';

export interface Handled {
  result: Result<BackgroundApi[keyof BackgroundApi]['res']>;
  /** The page whose highlights changed, to tell open views; absent for reads and failures. */
  changedUrl?: string;
}

export interface RequestContext {
  now?: () => number;
  /** Hears how far a large import has got. */
  progress?: (done: number, total: number) => void;
}

export async function handleBackgroundRequest(library: Library, message: BackgroundMessage, context: RequestContext = {}): Promise<Handled> {
  const now = context.now ?? Date.now;
  try {
    switch (message.type) {
      case 'page:highlights':
        return { result: ok(await library.page(message.url)) };
      case 'highlight:create': {
        const created = await library.create(
          { page: message.page, color: message.color, note: message.note, target: message.target },
          message.id,
        );
        return { result: ok(created), changedUrl: created.url };
      }
      case 'highlight:update': {
        const updated = await library.update(message.id, { color: message.color, note: message.note });
        return { result: ok(updated), changedUrl: updated.url };
      }
      case 'highlight:delete': {
        const deleted = await library.delete(message.id);
        return { result: ok(deleted), changedUrl: deleted.url };
      }
      case 'highlight:restore': {
        const restored = await library.restore(message.highlight);
        return { result: ok(restored), changedUrl: restored.url };
      }
      case 'settings:get':
        return { result: ok(await library.settings()) };
      case 'settings:set':
        return { result: ok(await library.updateSettings(message.settings)) };
      case 'export': {
        const { scope } = message;
        const chosen = scope === 'all' ? await library.everything() : await library.pages('url' in scope ? [scope.url] : scope.urls);
        const settings = await library.settings();
        const file = exportAs(message.format, { ...chosen, settings, everything: scope === 'all' }, now());
        // A backup of everything resets the weekly reminder.
        if (message.format === 'backup' && scope === 'all') await library.markBackedUp(now());
        return { result: ok(file) };
      }
      case 'import': {
        const backup = parseBackup(message.text);
        if (!backup.ok) return { result: backup };
        const { added, updated, skipped, urls } = await library.importBackup(backup.value, context.progress);
        return { result: ok({ added, updated, skipped }), changedUrl: urls.length ? '*' : undefined };
      }
    }
  } catch (error) {
    return { result: fail(storageErrorMessage(error)) };
  }
}

/** Words a person can act on, for the ways IndexedDB fails. */
export function storageErrorMessage(error: unknown): string {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'QuotaExceededError') {
    return 'Your browser is out of storage space for Clearmark. Free some disk space, then try again.';
  }
  if (name === 'ConstraintError') return 'That highlight is already saved.';
  return errorMessage(error);
}
