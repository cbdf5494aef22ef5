/**
 * The highlights kept in a tab's frames, each under its frame document's own address (ADR 0020):
 * what the popup lists below the page's own. The background knows which frames of the tab hold
 * text; each is asked for its address, so a frame since gone is left out, and the highlights are
 * read where they are kept, as the page's are.
 */
import type { HighlightRecord, PageInfo } from '@/utils/shared/model';
import { askBackground, askFrame } from './extension-client';
import { readLibrary } from './library-data';

export interface FrameHighlights {
  frameId: number;
  page: PageInfo;
  highlights: HighlightRecord[];
}

/** Frames of the tab with highlights, in the order the browser made them (their ids grow); each address once. */
export async function readFrameHighlights(tabId: number): Promise<FrameHighlights[]> {
  const frames = await askBackground({ type: 'tab:frames', tabId });
  if (!frames.ok || frames.value.length === 0) return [];
  const library = await readLibrary();
  const found = await Promise.all(
    [...frames.value]
      .sort((a, b) => a - b)
      .map(async (frameId) => {
        const info = await askFrame(tabId, frameId, { type: 'frame:info' });
        if (!info.ok) return null;
        const { highlights } = await library.page(info.value.url);
        return highlights.length ? { frameId, page: info.value, highlights } : null;
      }),
  );
  const seen = new Set<string>();
  return found.filter((f): f is FrameHighlights => {
    if (!f || seen.has(f.page.url)) return false;
    seen.add(f.page.url);
    return true;
  });
}
