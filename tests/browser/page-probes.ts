/**
 * Functions the real-browser tests run inside pages. Each is self-contained: it is serialized
 * into the page, so it may use nothing from this module's scope.
 */

/** Every range painted under a `clearmark` highlight name, or null when there is none yet. */
export function paintedHighlights(): { name: string; text: string }[] | null {
  const out: { name: string; text: string }[] = [];
  for (const [name, highlight] of CSS.highlights) {
    if (!name.startsWith('clearmark')) continue;
    for (const range of highlight as unknown as Iterable<Range>) out.push({ name, text: range.toString() });
  }
  return out.length ? out : null;
}

/** Selects `text` (found within one text node) the way a script would; returns the selected range's text. */
export function selectText(text: string): string {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = (node as Text).data.indexOf(text);
    if (at === -1) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + text.length);
    const selection = getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    return range.toString();
  }
  throw new Error(`text not found: ${text}`);
}

/**
 * Viewport points at the first and last character of `text` (in the page or in a web
 * component's open shadow root), scrolled into view, for a mouse drag.
 */
export function dragPoints(text: string): { from: { x: number; y: number }; to: { x: number; y: number } } {
  const trees: Node[] = [document.body];
  for (let i = 0; i < trees.length; i++) {
    for (const element of (trees[i] as ParentNode).querySelectorAll('*'))
      if (element.shadowRoot) trees.push(element.shadowRoot);
  }
  for (const tree of trees) {
    const walker = document.createTreeWalker(tree, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = (node as Text).data.indexOf(text);
      if (at === -1 || node.parentElement?.closest('script, style')) continue;
      (node.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
      const char = (i: number) => {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        return range.getBoundingClientRect();
      };
      const first = char(at);
      const last = char(at + text.length - 1);
      return {
        from: { x: first.left + 1, y: first.top + first.height / 2 },
        to: { x: last.right - 1, y: last.top + last.height / 2 },
      };
    }
  }
  throw new Error(`text not found: ${text}`);
}

/**
 * Mouse points for a drag from the first character of `span.start` to the last of `span.end`
 * (each searched in the page and its open roots), measured together after one scroll so that the
 * start stays where it was measured.
 */
export function spanDragPoints(span: { start: string; end: string }): {
  from: { x: number; y: number };
  to: { x: number; y: number };
} {
  const trees: Node[] = [document.body];
  for (let i = 0; i < trees.length; i++) {
    for (const element of (trees[i] as ParentNode).querySelectorAll('*'))
      if (element.shadowRoot) trees.push(element.shadowRoot);
  }
  const find = (text: string): { node: Text; at: number } => {
    for (const tree of trees) {
      const walker = document.createTreeWalker(tree, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = (node as Text).data.indexOf(text);
        if (at !== -1 && !node.parentElement?.closest('script, style')) return { node: node as Text, at };
      }
    }
    throw new Error(`text not found: ${text}`);
  };
  const start = find(span.start);
  const end = find(span.end);
  (start.node.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
  const char = (node: Text, i: number) => {
    const range = document.createRange();
    range.setStart(node, i);
    range.setEnd(node, i + 1);
    return range.getBoundingClientRect();
  };
  const first = char(start.node, start.at);
  const last = char(end.node, end.at + span.end.length - 1);
  return {
    from: { x: first.left + 1, y: first.top + first.height / 2 },
    to: { x: last.right - 1, y: last.top + last.height / 2 },
  };
}

/** The bounding box of Clearmark's in-page UI host (the toolbar), or null when hidden. */
export function toolbarBox(): { x: number; y: number; width: number; height: number } | null {
  // Clearmark's in-page UI is several hosts (the toolbar, the card, the notice, the live region that
  // talks to screen readers and takes no room): the one drawn is the one with a size.
  for (const host of document.querySelectorAll('clearmark-ui')) {
    const r = host.getBoundingClientRect();
    if (r.width > 0) return { x: r.left, y: r.top, width: r.width, height: r.height };
  }
  return null;
}

/**
 * Run in an extension page: the id of the tab whose content script reports `url` as its page.
 * Answers only once the content script is listening, so it also waits for it to be ready.
 */
export async function tabIdOf(url: string): Promise<number | null> {
  interface TabsApi {
    tabs: {
      query(q: object): Promise<{ id?: number }[]>;
      sendMessage(id: number, m: unknown, o: object): Promise<unknown>;
    };
  }
  const scope = globalThis as unknown as { browser?: TabsApi; chrome: TabsApi };
  const api = scope.browser ?? scope.chrome;
  for (const tab of await api.tabs.query({})) {
    if (tab.id === undefined) continue;
    try {
      const answer = (await api.tabs.sendMessage(tab.id, { type: 'page:info' }, { frameId: 0 })) as
        { ok: boolean; value?: { url: string } } | undefined;
      if (answer?.ok && answer.value?.url === url) return tab.id;
    } catch {
      /* no content script in that tab */
    }
  }
  return null;
}

/** The tab showing one of Clearmark's own pages at this path (`pdf.html?url=…`), or null. */
export async function ownPageTabId(path: string): Promise<number | null> {
  interface TabsApi {
    tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> };
    runtime: { getURL(path: string): string };
  }
  const scope = globalThis as unknown as { browser?: TabsApi; chrome: TabsApi };
  const api = scope.browser ?? scope.chrome;
  const address = api.runtime.getURL(path);
  return (await api.tabs.query({})).find((tab) => tab.url === address)?.id ?? null;
}

/**
 * Scrolls the first range painted under a highlight name to the middle of its view (page or
 * reader), and answers a point on its first line; null while there is none.
 */
export function highlightPoint(name: string): { x: number; y: number } | null {
  const highlight = CSS.highlights.get(name) as unknown as Iterable<Range> | undefined;
  for (const range of highlight ?? []) {
    range.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'instant' });
    const rect = range.getClientRects()[0];
    if (rect && rect.width > 0) return { x: rect.left + Math.min(rect.width / 2, 60), y: rect.top + rect.height / 2 };
  }
  return null;
}

/** The centre of the first element matching `selector` (scrolled into view), or null while there is none. */
export function centerOf(selector: string): { x: number; y: number } | null {
  const el = document.querySelector(selector);
  if (!el) return null;
  el.scrollIntoView({ block: 'nearest' });
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0 ? { x: r.x + r.width / 2, y: r.y + r.height / 2 } : null;
}

/** Texts of the elements matching `selector`, or null while there are none. */
export function textsOf(selector: string): string[] | null {
  const found = [...document.querySelectorAll(selector)].map((e) => e.textContent.replace(/\s+/g, ' ').trim());
  return found.length ? found : null;
}

/** Whether the texts of the elements matching `selector` are exactly `expected` (for waiting on a list to settle). */
export function textsAre({ selector, expected }: { selector: string; expected: string[] }): boolean {
  const found = [...document.querySelectorAll(selector)].map((e) => e.textContent.replace(/\s+/g, ' ').trim());
  return JSON.stringify(found) === JSON.stringify(expected);
}

/** Sends a message to a tab's content script from an extension page (run there through `evaluate`). */
export function sendToTab({ tabId, message }: { tabId: number; message: object }): Promise<unknown> {
  const scope = globalThis as unknown as {
    browser?: { tabs: { sendMessage(id: number, m: unknown, o: object): Promise<unknown> } };
    chrome: { tabs: { sendMessage(id: number, m: unknown, o: object): Promise<unknown> } };
  };
  return (scope.browser ?? scope.chrome).tabs.sendMessage(tabId, message, { frameId: 0 });
}

/** Run in an extension page: sends a message to the background and answers its reply. */
export function sendToBackground(message: object): Promise<unknown> {
  const scope = globalThis as unknown as {
    browser?: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
    chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
  };
  return (scope.browser ?? scope.chrome).runtime.sendMessage(message);
}

/** The middle of a control in one of the copy's panels (toolbar, card: open roots in Clearmark's own page). */
export function panelControl(selector: string): { x: number; y: number } | null {
  for (const host of document.querySelectorAll('clearmark-ui')) {
    const el = host.shadowRoot?.querySelector(selector);
    const box = el?.getBoundingClientRect();
    if (box && box.width > 0) return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  }
  return null;
}

/** The middle of the first highlight drawn in the copy. */
export function markCenter(): { x: number; y: number } | null {
  const mark = document.querySelector('clearmark-ui')?.shadowRoot?.querySelector('.marks .mark');
  const box = mark?.getBoundingClientRect();
  return box && box.width > 0 ? { x: box.x + Math.min(10, box.width / 2), y: box.y + box.height / 2 } : null;
}

/** Viewport points across `text` in the copy (scrolled into view), for a mouse drag. */
export function copyDragPoints(text: string): { from: { x: number; y: number }; to: { x: number; y: number } } | null {
  const root = document.querySelector('clearmark-ui')?.shadowRoot;
  const body = root?.querySelector('.body');
  if (!body) return null;
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = (node as Text).data.indexOf(text);
    if (at === -1) continue;
    (node.parentElement as HTMLElement).scrollIntoView({ block: 'center', behavior: 'instant' });
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + 1);
    const first = range.getBoundingClientRect();
    range.setStart(node, at + text.length - 1);
    range.setEnd(node, at + text.length);
    const last = range.getBoundingClientRect();
    return {
      from: { x: first.left + 1, y: first.top + first.height / 2 },
      to: { x: last.right - 1, y: last.top + last.height / 2 },
    };
  }
  return null;
}
