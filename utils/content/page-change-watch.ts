/**
 * Pages keep changing after they load: content arrives late, frameworks re-render. This watches
 * a page that has highlights (a MutationObserver; Clearmark's own UI ignored) and says when to
 * paint again: at the next frame when a re-render took painted text away, so a highlight barely
 * flickers; and once the page has been quiet for a moment (or has kept changing for a while)
 * when some highlights are still orphans, in case their text has arrived. The open shadow roots
 * of web components are watched too, those found at the start and after each quiet moment.
 */
import { openShadowRoots } from '../engines/find-shadow-roots';
import { UI_HOST_TAG } from '../shared/ui-host-tag';

export interface WatchedHighlights {
  /** Whether a painted range lost its text (collapsed, or its nodes left the page). */
  textLost(): boolean;
  /** Whether some highlights could not be placed yet. */
  hasOrphans(): boolean;
  repaint(): void;
}

export class PageChangeWatch {
  private observer: MutationObserver | null = null;
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  private firstChangeAt = 0;
  private frameQueued = false;
  private watchedRoots = new WeakSet<ShadowRoot>();

  constructor(
    private readonly doc: Document,
    private readonly highlights: WatchedHighlights,
    private readonly settleMs = 250,
  ) {}

  start(): void {
    if (this.observer || typeof MutationObserver === 'undefined') return;
    this.observer = new MutationObserver((mutations) => this.changed(mutations));
    this.observer.observe(this.doc.documentElement, WATCHED);
    this.watchShadowRoots();
  }

  /** Mutations inside a shadow root are not seen from the document: each open root is watched itself. */
  private watchShadowRoots(): void {
    if (!this.observer) return;
    for (const root of openShadowRoots(this.doc)) {
      if (this.watchedRoots.has(root)) continue;
      this.watchedRoots.add(root);
      this.observer.observe(root, WATCHED);
    }
  }

  stop(): void {
    this.observer?.disconnect();
    this.watchedRoots = new WeakSet();
    this.observer = null;
    clearTimeout(this.settleTimer);
    this.firstChangeAt = 0;
  }

  private changed(mutations: MutationRecord[]): void {
    if (mutations.every(isOwnChange)) return;
    if (this.highlights.textLost()) {
      this.repaintAtNextFrame();
      return;
    }
    if (!this.highlights.hasOrphans()) return;
    this.firstChangeAt ||= Date.now();
    clearTimeout(this.settleTimer);
    const waited = Date.now() - this.firstChangeAt;
    this.settleTimer = setTimeout(() => this.settled(), waited > 4 * this.settleMs ? 0 : this.settleMs);
  }

  private repaintAtNextFrame(): void {
    if (this.frameQueued) return;
    this.frameQueued = true;
    const run = () => {
      this.frameQueued = false;
      this.highlights.repaint();
    };
    if (typeof requestAnimationFrame === 'function' && this.doc.visibilityState !== 'hidden')
      requestAnimationFrame(run);
    else setTimeout(run, 16);
  }

  private settled(): void {
    this.firstChangeAt = 0;
    this.watchShadowRoots();
    if (this.highlights.textLost() || this.highlights.hasOrphans()) this.highlights.repaint();
  }
}

const WATCHED: MutationObserverInit = { childList: true, subtree: true, characterData: true };

/** Whether a change is Clearmark's own in-page UI coming, going or changing. */
function isOwnChange(mutation: MutationRecord): boolean {
  if (isOwnUi(mutation.target)) return true;
  if (mutation.type !== 'childList') return false;
  const nodes = [...Array.from(mutation.addedNodes), ...Array.from(mutation.removedNodes)];
  return nodes.length > 0 && nodes.every(isOwnUi);
}

function isOwnUi(node: Node): boolean {
  const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return !!element?.closest(UI_HOST_TAG);
}
