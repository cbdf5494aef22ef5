/**
 * Asks the browser to keep Clearmark's storage through storage pressure. Each context that can
 * ask (the background, the popup, the library) calls this once at start.
 */
export function keepStorage(): void {
  const storage = (globalThis.navigator as (Navigator & { storage?: StorageManager & { persist?: () => Promise<boolean> } }) | undefined)?.storage;
  void storage?.persist?.().catch(() => false);
}
