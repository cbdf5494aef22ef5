/**
 * What a screen reader is told of Clearmark's changes in a page ("Highlighted in yellow", "Note
 * saved", "Highlight deleted"): a polite live region, out of sight, in a closed shadow root like
 * the rest of the in-page UI, so the page can neither read nor silence it. The region is in the
 * page a moment before its words, as a live region must be to be heard.
 */
import { createClosedHost } from '@/components/shared/closed-host';

const STYLES = `.said { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip-path: inset(50%); white-space: nowrap; border: 0; }`;

export interface Announcer {
  say(text: string): void;
  /** The last thing said (for checks). */
  said(): string;
}

export function installAnnouncer(doc: Document, signal: AbortSignal): Announcer {
  let host: HTMLElement | null = null;
  let region: HTMLElement | null = null;
  let last = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  signal.addEventListener('abort', () => (clearTimeout(timer), host?.remove()));
  return {
    say(text) {
      if (signal.aborted) return;
      // Made on the first thing said (a page that is only read gets none), a moment before the words.
      if (!host || !host.isConnected || !region) {
        const made = createClosedHost(doc, STYLES, 'position:fixed;top:0;left:0;');
        host = made.host;
        region = doc.createElement('div');
        region.className = 'said';
        region.setAttribute('role', 'status');
        region.setAttribute('aria-live', 'polite');
        region.setAttribute('aria-atomic', 'true');
        made.mount.append(region);
      }
      last = text;
      // Emptied first, then filled a moment later: the same words said twice are heard twice.
      region.textContent = '';
      clearTimeout(timer);
      const into = region;
      timer = setTimeout(() => (into.textContent = text), 60);
    },
    said: () => last,
  };
}
