/** A list of highlights as the popup and the library show them: color chip, quote, note, time. */
import type { HighlightRecord } from '@/utils/model';
import { relativeTime } from '@/utils/relative-time';

export function HighlightList({ highlights, onOpen }: { highlights: HighlightRecord[]; onOpen?: (h: HighlightRecord) => void }) {
  return (
    <ol class="highlights" aria-label="Highlights">
      {highlights.map((h) => (
        <li key={h.id} class="highlight" data-id={h.id}>
          <button type="button" class="quote-button" onClick={() => onOpen?.(h)} title="Show on the page">
            <span class="chip" data-color={h.color} aria-label={h.color} role="img" />
            <blockquote class="quote">{h.target.quote.exact.replace(/\s+/g, ' ').trim()}</blockquote>
          </button>
          {h.note && <p class="note">{h.note}</p>}
          <time class="time" dateTime={new Date(h.createdAt).toISOString()}>{relativeTime(h.createdAt)}</time>
        </li>
      ))}
    </ol>
  );
}
