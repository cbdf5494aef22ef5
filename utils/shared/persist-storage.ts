/**
 * Asks the browser to keep Clearmark's storage through storage pressure. Each context that can
 * ask (the background, the popup, the library) calls this once at start; a page asks once it is
 * idle, so the asking costs nothing of its first screen.
 */
import { whenIdle } from './when-idle';

export function keepStorage(): void {
  const storage = (globalThis.navigator as { storage?: { persist?: () => Promise<boolean> } } | undefined)?.storage;
  whenIdle(() => void storage?.persist?.().catch(() => false), 2000);
}
