/**
 * Files too big for one extension message (Chrome's limit is 64 MiB, and a large library's backup
 * passes it) travel in parts: an export is kept here and read by the page part by part; a file to
 * import arrives part by part and is joined here when the import asks for it. Held in the
 * background's memory only, for a while: a background that restarts mid-way loses them, and the
 * page is told to start again; nothing was written meanwhile.
 */
import { t } from '@/utils/i18n/words';
import { base64ToBytes } from '../shared/base64';
import { CodedError } from '../shared/result';
import { newId } from '../shared/new-id';
import { PART_CHARS } from '../shared/protocol';
import { MAX_IMPORT_CHARS } from '../engines/import/import-batch';
import { MAX_STREAMED_BACKUP_CHARS } from '../engines/export/backup';

/** How long a transfer waits for its next step before it is dropped. */
const KEEP_MS = 15 * 60 * 1000;

interface Outgoing {
  parts: string[];
  binary: boolean;
  at: number;
}
interface Incoming {
  parts: string[];
  binary: boolean;
  chars: number;
  at: number;
}

export class Transfers {
  private readonly outgoing = new Map<string, Outgoing>();
  private readonly incoming = new Map<string, Incoming>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Keeps a file's text (given in pieces, which may be any size) for the page to read in parts;
   * answers its id and how many parts there are.
   */
  offer(pieces: readonly string[], binary = false): { id: string; parts: number; chars: number } {
    this.expire();
    const parts: string[] = [];
    let current: string[] = [];
    let size = 0;
    let chars = 0;
    for (let piece of pieces) {
      chars += piece.length;
      while (size + piece.length > PART_CHARS) {
        const take = PART_CHARS - size;
        current.push(piece.slice(0, take));
        parts.push(current.join(''));
        piece = piece.slice(take);
        current = [];
        size = 0;
      }
      current.push(piece);
      size += piece.length;
    }
    if (size || !parts.length) parts.push(current.join(''));
    const id = newId();
    this.outgoing.set(id, { parts, binary, at: this.now() });
    return { id, parts: parts.length, chars };
  }

  /** One part of an offered file; the file is dropped once its last part is read. */
  part(id: string, index: number): string {
    const file = this.outgoing.get(id);
    if (!file) throw new CodedError('not-found', t('transferGone'));
    const part = file.parts[index];
    if (part === undefined) throw new CodedError('rejected', t('transferNoPart', { index }));
    file.at = this.now();
    if (index === file.parts.length - 1) this.outgoing.delete(id);
    return part;
  }

  /** Takes the next part of a file being sent to the background; answers how many characters it holds so far. */
  receive(id: string, index: number, text: string, binary: boolean): number {
    this.expire();
    let file = this.incoming.get(id);
    if (!file) {
      if (index !== 0) throw new CodedError('not-found', t('transferFirstPartsLost'));
      file = { parts: [], binary, chars: 0, at: this.now() };
      this.incoming.set(id, file);
    }
    if (index !== file.parts.length) throw new CodedError('rejected', t('transferOutOfOrder', { index }));
    // A backup is read in pieces up to its own limit; other files (and zips, sent as base64) up to the import engine's.
    if (file.chars + text.length > (binary ? (MAX_IMPORT_CHARS * 4) / 3 + 4 : MAX_STREAMED_BACKUP_CHARS)) {
      this.incoming.delete(id);
      throw new CodedError('invalid-file', tooLarge());
    }
    file.parts.push(text);
    file.chars += text.length;
    file.at = this.now();
    return file.chars;
  }

  /**
   * The whole file sent in parts, as the import reads it: its text (in pieces when it is longer
   * than one string may safely be), or its bytes. It stays until `drop` or it waits too long (a
   * preview then an import read it twice).
   */
  take(id: string): { text: string } | { pieces: readonly string[] } | { bytes: Uint8Array } {
    const file = this.incoming.get(id);
    if (!file) throw new CodedError('not-found', t('transferNotWhole'));
    file.at = this.now();
    if (!file.binary) return file.chars > MAX_IMPORT_CHARS ? { pieces: file.parts } : { text: file.parts.join('') };
    const chunks = file.parts.map(base64ToBytes);
    const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.length;
    }
    return { bytes };
  }

  drop(id: string): void {
    this.incoming.delete(id);
  }

  private expire(): void {
    const before = this.now() - KEEP_MS;
    for (const map of [this.outgoing, this.incoming] as Map<string, { at: number }>[]) {
      for (const [id, t] of map) if (t.at < before) map.delete(id);
    }
  }
}

/** What the background says of a file too big to read. */
function tooLarge(): string {
  return t('fileTooLarge', {
    backups: MAX_STREAMED_BACKUP_CHARS / 1024 / 1024,
    others: MAX_IMPORT_CHARS / 1024 / 1024,
  });
}
