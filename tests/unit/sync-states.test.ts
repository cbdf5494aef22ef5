/**
 * Sync's state table (utils/engines/sync/sync-states.ts), transition by transition: every state
 * with every event, written out here by hand rather than read from the table, and the waits
 * between tries. The service's own paths through it (a pass, a wiped server, a full disk) are
 * checked against a real server in sync.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  MAX_RETRY_MS,
  nextState,
  retryDelay,
  SYNC_TRANSITIONS,
  type SyncEvent,
} from '@/utils/engines/sync/sync-states';
import type { SyncState } from '@/utils/shared/protocol';

const EVENTS: SyncEvent[] = [
  'set-up',
  'turn-on',
  'turn-off',
  'forget',
  'pass-start',
  'pass-done',
  'pass-failed',
  'pass-refused',
  'pass-needs-user',
];
// Rows: the state before; columns: the events above, in order; cells: the state after.
const EXPECTED: Record<SyncState, SyncState[]> = {
  //        set-up   turn-on  turn-off forget  pass-start  pass-done pass-failed pass-refused needs-user
  off: ['idle', 'idle', 'off', 'off', 'off', 'off', 'off', 'off', 'off'],
  idle: ['idle', 'idle', 'off', 'off', 'syncing', 'idle', 'idle', 'idle', 'idle'],
  syncing: ['idle', 'syncing', 'off', 'off', 'syncing', 'idle', 'offline', 'error', 'error'],
  offline: ['idle', 'offline', 'off', 'off', 'syncing', 'offline', 'offline', 'offline', 'offline'],
  error: ['idle', 'error', 'off', 'off', 'syncing', 'error', 'error', 'error', 'error'],
};

describe('sync states', () => {
  for (const [from, row] of Object.entries(EXPECTED) as [SyncState, SyncState[]][]) {
    for (const [i, event] of EVENTS.entries()) {
      it(`${from} --${event}--> ${row[i]}`, () => expect(nextState(from, event)).toBe(row[i]));
    }
  }

  it('the table names only known states and events', () => {
    const states = Object.keys(EXPECTED);
    expect(Object.keys(SYNC_TRANSITIONS).sort()).toEqual([...states].sort());
    for (const moves of Object.values(SYNC_TRANSITIONS)) {
      for (const [event, to] of Object.entries(moves)) {
        expect(EVENTS).toContain(event);
        expect(states).toContain(to);
      }
    }
  });

  it('waits longer after each failure, up to a minute, jittered; waits for the user when only they can fix it', () => {
    expect(retryDelay(1, 'pass-failed', 0.5)).toBe(2_000);
    expect(retryDelay(2, 'pass-failed', 0.5)).toBe(4_000);
    expect(retryDelay(3, 'pass-refused', 0.5)).toBe(8_000);
    expect(retryDelay(30, 'pass-failed', 0.5)).toBe(MAX_RETRY_MS);
    expect(retryDelay(1, 'pass-failed', 0)).toBe(1_600);
    expect(retryDelay(1, 'pass-failed', 0.999_999)).toBeCloseTo(2_400, 0);
    expect(retryDelay(1, 'pass-needs-user', 0.5)).toBeNull();
  });
});
