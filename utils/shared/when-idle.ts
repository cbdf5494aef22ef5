/**
 * Runs work once the page is idle (at the latest after `timeoutMs`), or after `fallbackMs` where
 * the browser has no idle callbacks. Answers a function that cancels it if it has not run yet.
 */
type IdleScope = {
  requestIdleCallback?: (f: () => void, o?: { timeout: number }) => number;
  cancelIdleCallback?: (handle: number) => void;
};

export function whenIdle(work: () => void, timeoutMs: number, fallbackMs = 0): () => void {
  const scope = globalThis as IdleScope;
  if (scope.requestIdleCallback) {
    const handle = scope.requestIdleCallback(work, { timeout: timeoutMs });
    return () => scope.cancelIdleCallback?.(handle);
  }
  const timer = setTimeout(work, fallbackMs);
  return () => clearTimeout(timer);
}
