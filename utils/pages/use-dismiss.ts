/** Menus close as any menu does: on a click outside them and on Escape (unless something in them is still running). */
import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';

export function useDismiss(open: boolean, menu: RefObject<HTMLElement | null>, close: () => void, busy = false): void {
  useEffect(() => {
    if (!open) return;
    const outside = (e: Event) => {
      if (!busy && menu.current && !e.composedPath().includes(menu.current)) close();
    };
    const escape = (e: KeyboardEvent) => e.key === 'Escape' && close();
    document.addEventListener('pointerdown', outside);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('pointerdown', outside);
      document.removeEventListener('keydown', escape);
    };
  }, [open, busy]);
}
