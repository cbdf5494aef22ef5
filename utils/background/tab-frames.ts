/**
 * Which frames of each tab hold text, so the popup can list the highlights made in them. A frame
 * with words looks its highlights up as it starts (ADR 0020); the background notes it then, by tab
 * and frame id, and forgets a tab when it closes. The popup asks each noted frame for its address
 * itself, so a frame since gone is not listed. Kept in the browser's session storage where there is
 * one: a service worker that sleeps forgets what it held in memory, and the tab's frames are still there.
 */

/** The part of `storage.session` this uses. */
export interface SessionArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

const KEY = 'tabFrames';
/** A tab whose frames keep changing (adverts that reload) keeps its newest frames with text. */
export const MAX_FRAMES_PER_TAB = 20;

export class TabFrames {
  private readonly tabs = new Map<number, number[]>();
  private loaded: Promise<void> | null = null;

  constructor(private readonly area: SessionArea | null) {}

  /** A frame of `tabId` holds text. */
  async note(tabId: number, frameId: number): Promise<void> {
    await this.load();
    const frames = this.tabs.get(tabId) ?? [];
    if (frames.includes(frameId)) return;
    this.tabs.set(tabId, [...frames, frameId].slice(-MAX_FRAMES_PER_TAB));
    await this.save();
  }

  /** The frames of `tabId` noted so far, oldest first. */
  async of(tabId: number): Promise<number[]> {
    await this.load();
    return [...(this.tabs.get(tabId) ?? [])];
  }

  /** The tab closed. */
  async forget(tabId: number): Promise<void> {
    await this.load();
    if (this.tabs.delete(tabId)) await this.save();
  }

  private load(): Promise<void> {
    this.loaded ??= (this.area?.get(KEY) ?? Promise.resolve<Record<string, unknown>>({}))
      .then((kept) => {
        const value = kept[KEY];
        if (typeof value !== 'object' || value === null) return;
        for (const [tab, frames] of Object.entries(value)) {
          const ids = Array.isArray(frames) ? frames.filter((f): f is number => Number.isSafeInteger(f)) : [];
          if (/^\d+$/.test(tab) && ids.length) this.tabs.set(Number(tab), ids.slice(-MAX_FRAMES_PER_TAB));
        }
      })
      // Nothing kept, or nothing readable: the frames that start from now on are noted.
      .catch(() => undefined);
    return this.loaded;
  }

  private async save(): Promise<void> {
    await this.area?.set({ [KEY]: Object.fromEntries(this.tabs) }).catch(() => undefined);
  }
}
