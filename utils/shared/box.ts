/**
 * Where something is on screen, in viewport coordinates: how Clearmark's probes tell checks
 * where to click in UI that lives in closed shadow roots.
 */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The box of an element or a rectangle, as plain numbers that survive messaging. */
export function boxOf(of: Element | DOMRect): Box {
  const r = of instanceof Element ? of.getBoundingClientRect() : of;
  return { x: r.x, y: r.y, width: r.width, height: r.height };
}
