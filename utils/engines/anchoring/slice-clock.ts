/**
 * Long work on a page's main thread, cut into slices: a clock that says when a slice has used
 * its time and gives the thread back to the page in between, so scrolling, typing and the
 * page's own scripts never wait behind Clearmark for long.
 */
import type { SliceClock } from './anchor';

/** Milliseconds of work per slice: well under the 50 ms that counts as a long task. */
export const SLICE_BUDGET_MS = 8;

export function mainThreadClock(cancelled: () => boolean = () => false, budgetMs = SLICE_BUDGET_MS): SliceClock {
  let sliceStart = performance.now();
  return {
    due: () => performance.now() - sliceStart > budgetMs,
    async pause() {
      await yieldToPage();
      sliceStart = performance.now();
    },
    cancelled,
  };
}

/** A clock that never pauses: the work runs to its end in one go (tests, small jobs). */
export const UNSLICED: SliceClock = { due: () => false, pause: () => Promise.resolve(), cancelled: () => false };

function yieldToPage(): Promise<void> {
  try {
    const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
    if (typeof scheduler?.yield === 'function') return scheduler.yield();
  } catch {
    // Some content-script sandboxes refuse access to the page's scheduler; fall through.
  }
  return new Promise((resume) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resume();
    channel.port2.postMessage(null);
  });
}
