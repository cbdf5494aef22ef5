/**
 * Highlights made in this page whose save is not confirmed yet. A highlight is painted at once
 * and saved meanwhile; when storage fails (a full disk, a stopping background) it stays queued,
 * the user is told, and it is retried with backoff — with the same id, so a save whose answer
 * was lost stores one record. A request the background refuses outright (it breaks a rule) would
 * be refused again: it stays on the page, unretried. An edit or delete made while a save is on its
 * way waits for its answer (`isSending`, `answered`): changing a request already sent would change nothing.
 */
import type { HighlightColor, HighlightRecord } from '../shared/model';
import type { RequestOf, BackgroundApi } from '../shared/protocol';
import type { Result } from '../shared/result';

export type CreateRequest = RequestOf<BackgroundApi, 'highlight:create'> & { id: string };

export interface SaveState {
  /** Highlights made here and not stored. */
  unsaved: number;
  error: string | null;
  /** False when the last error will not go away by trying again (the request itself was refused). */
  retrying: boolean;
}

export interface SaveQueueOptions {
  /** Sends one create request to storage. */
  save: (request: CreateRequest) => Promise<Result<HighlightRecord>>;
  /** Hears the stored record of each create that succeeds, first try or retry. */
  onSaved?: (record: HighlightRecord) => void;
  /** Hears when saves fail (with why) and when all are saved again (`unsaved` 0). */
  onState?: ((state: SaveState) => void) | undefined;
  /** Waits before each retry, in ms (the last repeats). */
  retryDelays?: number[] | undefined;
}

interface Pending {
  request: CreateRequest;
  attempts: number;
}

export class SaveQueue {
  private readonly pending = new Map<string, Pending>();
  /** The saves sent and not answered yet, by id. */
  private readonly sending = new Map<string, Promise<unknown>>();
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly delays: number[];
  private readonly onState: (state: SaveState) => void;

  constructor(private readonly options: SaveQueueOptions) {
    this.delays = options.retryDelays ?? [2_000, 5_000, 15_000, 30_000, 60_000];
    this.onState = options.onState ?? (() => undefined);
  }

  /** Queues a create and tries it at once; answers its result (a failure stays queued unless refused). */
  add(request: CreateRequest): Promise<Result<HighlightRecord>> {
    const entry = { request, attempts: 0 };
    this.pending.set(request.id, entry);
    return this.attempt(entry);
  }

  has(id: string): boolean {
    return this.pending.has(id);
  }

  get size(): number {
    return this.pending.size;
  }

  /** Whether the create for `id` is on its way: too late to patch or drop it until it is answered. */
  isSending(id: string): boolean {
    return this.sending.has(id);
  }

  /** Waits for the answer to the create for `id` on its way (stored, failed or refused), if one is. */
  async answered(id: string): Promise<void> {
    await this.sending.get(id)?.catch(() => undefined);
  }

  /** Changes what a queued create will store (one not on its way: see `isSending`). */
  patch(id: string, patch: { color?: HighlightColor; note?: string; tags?: string[] }): void {
    const entry = this.pending.get(id);
    if (entry)
      entry.request = {
        ...entry.request,
        color: patch.color ?? entry.request.color,
        note: patch.note ?? entry.request.note,
        ...(patch.tags ? { tags: patch.tags } : {}),
      };
  }

  /** Drops a queued create (the highlight was deleted before it was ever stored). */
  drop(id: string): void {
    if (!this.pending.delete(id) || this.pending.size > 0) return;
    this.stopRetrying();
    this.onState({ unsaved: 0, error: null, retrying: false });
  }

  /** Tries every queued create again, oldest first (also when storage is likely back). */
  async retryAll(): Promise<void> {
    for (const id of [...this.pending.keys()]) {
      // A create may be dropped while an earlier one is tried.
      const entry = this.pending.get(id);
      if (!entry) continue;
      const answer = await this.attempt(entry);
      if (!answer.ok) break;
    }
  }

  destroy(): void {
    this.stopRetrying();
    this.pending.clear();
  }

  private async attempt(entry: Pending): Promise<Result<HighlightRecord>> {
    const { id } = entry.request;
    entry.attempts++;
    const sent = this.options.save(entry.request);
    this.sending.set(id, sent);
    let answer: Result<HighlightRecord>;
    try {
      answer = await sent;
    } finally {
      this.sending.delete(id);
    }
    if (!this.pending.has(id)) return answer;
    if (answer.ok) {
      this.pending.delete(id);
      this.options.onSaved?.(answer.value);
      if (this.pending.size === 0) {
        this.stopRetrying();
        if (entry.attempts > 1) this.onState({ unsaved: 0, error: null, retrying: false });
      }
      return answer;
    }
    const retrying = answer.code !== 'rejected';
    this.onState({ unsaved: this.pending.size, error: answer.error, retrying });
    if (retrying) this.planRetry(entry.attempts);
    return answer;
  }

  private planRetry(attempts: number): void {
    if (this.retryTimer !== undefined) return;
    this.retryTimer = setTimeout(
      () => {
        this.retryTimer = undefined;
        void this.retryAll();
      },
      this.delays[Math.min(attempts - 1, this.delays.length - 1)],
    );
  }

  private stopRetrying(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }
}
