/**
 * Sync's states and what moves it between them, in one table a person can read. The sync service
 * (utils/background/sync/sync-service.ts) does the work (passes, the changes feed, timers); every
 * change of state it makes goes through `nextState`, so what the user sees in the status follows
 * this table and nothing else. Pure: no timer, no server, no storage.
 */
import type { SyncState } from '../../shared/protocol';

/**
 * What happens to sync:
 * - `set-up`: a server was set up (address, account, passphrase checked); sync is on.
 * - `turn-on`, `turn-off`: the user's switch. `forget`: the server is forgotten (sync is off).
 * - `pass-start`: a pass begins (soon after a change, on waking, on the feed, on a retry, by hand).
 * - `pass-done`: a pass ended with everything sent and read (problems with single records, such
 *   as unreadable documents, are told in the status, not in the state).
 * - `pass-failed`: the server could not be reached or answered with an error worth retrying (a
 *   network failure, a 5xx, a wiped database being put back, a full disk here): sync is offline,
 *   and tries again, ever more slowly.
 * - `pass-refused`: the server refused the account (a changed password, a forbidden database).
 *   That may be fixed on the server, so sync is in error and still tries again, slowly.
 * - `pass-needs-user`: what only the user can fix (a wrong passphrase, another library in the
 *   database, a damaged key document): sync is in error and waits for them.
 */
export type SyncEvent =
  | 'set-up'
  | 'turn-on'
  | 'turn-off'
  | 'forget'
  | 'pass-start'
  | 'pass-done'
  | 'pass-failed'
  | 'pass-refused'
  | 'pass-needs-user';

/**
 * The table. An event a state does not list leaves it as it is: a pass that ends after sync was
 * turned off does not turn it back on; a switch turned on twice is on.
 */
export const SYNC_TRANSITIONS: { readonly [S in SyncState]: { readonly [E in SyncEvent]?: SyncState } } = {
  off: { 'set-up': 'idle', 'turn-on': 'idle' },
  idle: { 'set-up': 'idle', 'pass-start': 'syncing', 'turn-off': 'off', forget: 'off' },
  syncing: {
    'set-up': 'idle',
    'pass-done': 'idle',
    'pass-failed': 'offline',
    'pass-refused': 'error',
    'pass-needs-user': 'error',
    'turn-off': 'off',
    forget: 'off',
  },
  offline: { 'set-up': 'idle', 'pass-start': 'syncing', 'turn-off': 'off', forget: 'off' },
  error: { 'set-up': 'idle', 'pass-start': 'syncing', 'turn-off': 'off', forget: 'off' },
};

/** The state an event moves sync to from `state`. */
export function nextState(state: SyncState, event: SyncEvent): SyncState {
  return SYNC_TRANSITIONS[state][event] ?? state;
}

/** The longest wait between two tries at a server that is away. */
export const MAX_RETRY_MS = 60_000;

/**
 * How long to wait before trying again after `failures` failed passes in a row: 2 s, 4 s, 8 s …
 * up to a minute, jittered by ±20 % (`random` in [0, 1)) so many devices do not retry together.
 * Null when the failure waits for the user (`pass-needs-user`: nothing changes by trying again).
 */
export function retryDelay(
  failures: number,
  event: 'pass-failed' | 'pass-refused' | 'pass-needs-user',
  random: number,
): number | null {
  if (event === 'pass-needs-user') return null;
  return Math.min(MAX_RETRY_MS, 1000 * 2 ** Math.max(1, failures)) * (0.8 + random * 0.4);
}
