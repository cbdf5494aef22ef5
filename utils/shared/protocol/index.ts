/**
 * The one message protocol between Clearmark's contexts: content script, background, and
 * extension pages (popup, library). Requests are declared by concern (library, saved articles,
 * import and export, sync, content), each with its payload schema, its answer and who may send it
 * (docs/adr/0008, 0017); every payload is checked before a handler sees it, and answers cross
 * contexts as `Result`s, never as thrown errors.
 */
import type { Result } from '../result';
import { contentRules, type ContentApi } from './content';
import { libraryRules, type LibraryApi } from './library';
import { parseWith, type Message, type SenderKind } from './messaging';
import { savedRules, type SavedApi } from './saved';
import { syncRules, type SyncApi } from './sync';
import { transferRules, type TransferApi } from './transfer';

export * from './messaging';
export * from './notices';
export type { LibraryApi } from './library';
export type { SavedApi, SearchAnswer } from './saved';
export {
  PART_CHARS,
  type TransferApi,
  type ImportFileRequest,
  type ExportScope,
  type ImportSummary,
  type ImportPreview,
} from './transfer';
export type { SyncApi, SyncState, SyncStatus } from './sync';
export type { ContentApi, UiState, AnchorState, ReaderState } from './content';
export { isRecord, MAX_TEXT } from '../checks';

/** Everything the background answers. */
export type BackgroundApi = LibraryApi & SavedApi & TransferApi & SyncApi;
export type BackgroundMessage = Message<BackgroundApi>;
export type ContentMessage = Message<ContentApi>;

/** Checks a message sent to the background: its type, its sender and every payload field. */
export function parseBackgroundMessage(message: unknown, sender: SenderKind | null): Result<BackgroundMessage> {
  return parseWith<BackgroundMessage>(
    { ...libraryRules, ...savedRules, ...transferRules, ...syncRules },
    message,
    sender,
  );
}

/** Checks a message sent to a content script. */
export function parseContentMessage(message: unknown, sender: SenderKind | null): Result<ContentMessage> {
  return parseWith<ContentMessage>(contentRules, message, sender);
}
