/**
 * A long list that renders only the rows on screen (fixed row height), so a thousand pages
 * scroll as smoothly as ten. It is a listbox: the arrow keys, Home and End move the choice,
 * and the chosen row is always scrolled into view.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

const OVERSCAN = 6;

export function VirtualList<T>({
  items,
  rowHeight,
  keyOf,
  selected,
  onSelect,
  renderRow,
  label,
}: {
  items: T[];
  rowHeight: number;
  keyOf: (item: T) => string;
  selected: string | null;
  onSelect: (item: T) => void;
  renderRow: (item: T, isSelected: boolean) => ComponentChildren;
  label: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 800 });
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setView({ top: el.scrollTop, height: el.clientHeight || 800 });
    measure();
    el.addEventListener('scroll', measure, { passive: true });
    const resize = new ResizeObserver(measure);
    resize.observe(el);
    return () => {
      el.removeEventListener('scroll', measure);
      resize.disconnect();
    };
  }, []);

  const selectedIndex = selected === null ? -1 : items.findIndex((item) => keyOf(item) === selected);
  const first = Math.max(0, Math.floor(view.top / rowHeight) - OVERSCAN);
  const last = Math.min(items.length, Math.ceil((view.top + view.height) / rowHeight) + OVERSCAN);

  const choose = (index: number) => {
    const item = items[Math.max(0, Math.min(items.length - 1, index))];
    if (item === undefined) return;
    onSelect(item);
    const el = box.current;
    if (!el) return;
    const i = items.indexOf(item);
    const top = i * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight;
  };

  return (
    <div
      ref={box}
      class="virtual-list"
      role="listbox"
      aria-label={label}
      tabIndex={0}
      aria-activedescendant={selectedIndex >= 0 ? `row-${selectedIndex}` : undefined}
      onKeyDown={(e) => {
        const page = Math.max(1, Math.floor((box.current?.clientHeight ?? rowHeight) / rowHeight) - 1);
        const moves: Partial<Record<string, number>> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
        const move = moves[e.key];
        if (move !== undefined) choose(Math.max(0, selectedIndex) + move);
        else if (e.key === 'Home') choose(0);
        else if (e.key === 'End') choose(items.length - 1);
        else return;
        e.preventDefault();
      }}
    >
      <div style={{ height: `${items.length * rowHeight}px`, position: 'relative' }}>
        {items.slice(first, last).map((item, i) => {
          const index = first + i;
          const isSelected = index === selectedIndex;
          return (
            <div
              key={keyOf(item)}
              id={`row-${index}`}
              role="option"
              aria-selected={isSelected}
              class={isSelected ? 'row selected' : 'row'}
              style={{
                position: 'absolute',
                top: `${index * rowHeight}px`,
                height: `${rowHeight}px`,
                left: 0,
                right: 0,
              }}
              onClick={() => onSelect(item)}
            >
              {renderRow(item, isSelected)}
            </div>
          );
        })}
      </div>
    </div>
  );
}
