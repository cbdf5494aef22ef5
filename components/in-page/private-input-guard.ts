/**
 * Keeps what the user types into Clearmark's in-page fields (a highlight's note and tags) away
 * from the page. Key and input events are composed: from a closed shadow root they still travel
 * through the page's `window` and `document` listeners, retargeted to the host but carrying every
 * key. So the content script listens on `window` in the capture phase from document_start, before
 * any page script can, and stops every such event aimed at one of its own hosts there; the host's
 * panel then hands a copy that cannot leave the shadow root to its own fields (docs/adr/0011).
 *
 * Kept tiny: it runs in every page at document_start. The registry lives in the content script's
 * own world (an isolated world in Chrome, a sandbox in Firefox), which page scripts cannot see.
 */

import { PRIVATE_KEY_EVENT } from '@/utils/shared/ui-host-tag';

/** Events that carry what is typed, pasted or composed. */
export const PRIVATE_EVENTS = [
  'keydown',
  'keyup',
  'keypress',
  'beforeinput',
  'input',
  'textInput',
  'compositionstart',
  'compositionupdate',
  'compositionend',
  'paste',
  'copy',
  'cut',
  'select',
] as const;

/** Hands a stopped event to the shadow root it was aimed at. */
export type Redeliver = (event: Event) => void;

interface GuardState {
  hosts: WeakMap<EventTarget, Redeliver>;
  /** Whether the guard was listening before any page script ran (false when injected into a loaded page). */
  first: boolean;
}

const KEY = Symbol.for('clearmark:private-input-guard');

function state(): GuardState | undefined {
  return (globalThis as Record<symbol, GuardState | undefined>)[KEY];
}

/** Installs the guard once per document; call it first thing at document_start. */
export function installPrivateInputGuard(win: Window, doc: Document): void {
  if (state()) return;
  const guard: GuardState = { hosts: new WeakMap(), first: doc.readyState === 'loading' };
  (globalThis as Record<symbol, GuardState | undefined>)[KEY] = guard;
  const stop = (event: Event) => {
    const redeliver = event.target ? guard.hosts.get(event.target) : undefined;
    if (!redeliver) return;
    // The page's own listeners on window, document and every element on the way never see it.
    event.stopImmediatePropagation();
    redeliver(event);
  };
  for (const type of PRIVATE_EVENTS) win.addEventListener(type, stop, { capture: true });
}

/** Puts a host under the guard: its key and input events are stopped at `window` and handed to `redeliver`. */
export function guardHost(host: EventTarget, redeliver: Redeliver): void {
  state()?.hosts.set(host, redeliver);
}

/**
 * Whether typing into a guarded host is private: false when there is no guard, or it came after
 * the page's scripts (Firefox puts content scripts into pages already open when Clearmark is
 * installed), when page listeners registered earlier would still hear the keys.
 */
export function typingIsPrivate(): boolean {
  return state()?.first ?? false;
}

/**
 * Hands a stopped event to the focused field inside the shadow root, as an event that cannot
 * leave the root. An input event is copied as it is. A key press arrives as a `clearmark-keydown`
 * CustomEvent whose `detail` is the original KeyboardEvent (so a handler can prevent its default):
 * a KeyboardEvent copy would not do, as Firefox makes every KeyboardEvent composed, and the copy
 * would travel back out to the page.
 */
export function deliverInside(event: Event, root: ShadowRoot): void {
  let target: Element | null = root.activeElement;
  while (target?.shadowRoot?.activeElement) target = target.shadowRoot.activeElement;
  if (!target) return;
  const init = { bubbles: true, cancelable: event.cancelable, composed: false };
  if (event.type === 'keydown') {
    target.dispatchEvent(new CustomEvent(PRIVATE_KEY_EVENT, { ...init, detail: event }));
  } else if (event.type === 'input' || event.type === 'beforeinput') {
    const input = event as InputEvent;
    const copy = new InputEvent(event.type, {
      ...init,
      data: input.data,
      inputType: input.inputType,
      isComposing: input.isComposing,
    });
    target.dispatchEvent(copy);
    if (copy.defaultPrevented) event.preventDefault();
  }
}
