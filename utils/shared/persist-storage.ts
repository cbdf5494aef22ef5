/**
 * Asks the browser to keep Clearmark's storage through storage pressure. Each context that can
 * ask (the background, the popup, the library) calls this once at start; a page asks once it is
 * idle, so the asking costs nothing of its first screen.
 */
export function keepStorage(): void {
  const storage = (
    globalThis.navigator as
      (Navigator & { storage?: StorageManager & { persist?: () => Promise<boolean> } }) | undefined
  )?.storage;
  const ask = () => void storage?.persist?.().catch(() => false);
  const idle = (globalThis as { requestIdleCallback?: (f: () => void, o?: { timeout: number }) => number })
    .requestIdleCallback;
  if (idle) idle(ask, { timeout: 2000 });
  else ask();
}
