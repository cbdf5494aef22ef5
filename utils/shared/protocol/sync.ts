/**
 * Requests about sync with the user's CouchDB server (docs/adr/0010). Set up and watched from
 * Clearmark's own pages only: no web page may learn of the server.
 */
import * as v from 'valibot';
import { MAX_URL, nonEmptyText, text } from '../checks';
import { FROM_PAGES, rule, type ApiOf } from './messaging';

export const syncRules = {
  /**
   * Sets up sync with a CouchDB database (`url` names it: https://host/db). Checks the account
   * and, for an encrypted library, the passphrase before saving anything; fails with the reason.
   */
  'sync:configure': rule(
    {
      url: nonEmptyText(MAX_URL),
      username: nonEmptyText(500),
      password: text(10_000),
      passphrase: v.optional(text(10_000)),
    },
    FROM_PAGES,
  ),
  /** One complete two-way pass: how many records were sent and how many changed here. */
  'sync:now': rule({}, FROM_PAGES),
  'sync:status': rule({}, FROM_PAGES),
  /** Stops syncing; the library and the setup stay. */
  'sync:off': rule({}, FROM_PAGES),
  'sync:on': rule({}, FROM_PAGES),
  /** Forgets the server (address, account, keys); the library stays. */
  'sync:forget': rule({}, FROM_PAGES),
};

export type SyncState = 'off' | 'idle' | 'syncing' | 'offline' | 'error';

export interface SyncStatus {
  state: SyncState;
  /** When the last complete pass ended (ms), or null. */
  lastSyncedAt: number | null;
  /** Changes made here and not yet on the server. */
  pending: number;
  /** What went wrong, in words, while sync is on. */
  error?: string;
  /** The server sync is set up with (never its password), when there is one. */
  server?: { url: string; username: string; encrypted: boolean };
}

export interface SyncAnswers {
  'sync:configure': SyncStatus;
  'sync:now': { pushed: number; pulled: number };
  'sync:status': SyncStatus;
  'sync:off': SyncStatus;
  'sync:on': SyncStatus;
  'sync:forget': SyncStatus;
}

export type SyncApi = ApiOf<typeof syncRules, SyncAnswers>;
