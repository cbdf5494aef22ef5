/**
 * Tags on a highlight, as the card, the popup and the library show them: each tag a chip with a
 * remove button, and a field that adds one on Enter or comma, completing from the tags already in
 * use (a native datalist, so the keyboard and screen readers know it). Backspace in the empty
 * field removes the last tag. Pure UI: the caller stores the tags. Until the stored tags come back,
 * the editor builds on the ones it just sent, so two tags typed quickly are both kept; tags the
 * caller says it could not store are not shown as if they were.
 */
import { t } from '@/utils/i18n/words';
import { useEffect, useRef, useState } from 'preact/hooks';
import { normalizeTags } from '@/utils/shared/model';
import { PRIVATE_KEY_EVENT } from '@/utils/shared/ui-host-tag';

let lists = 0;

const sameTags = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((t, i) => t === b[i]);

export function TagEditor({
  tags: stored,
  suggestions,
  onChange,
  control,
  readOnly = false,
}: {
  tags: readonly string[];
  /** Tags in use elsewhere, offered as the user types. */
  suggestions: readonly string[];
  /** Stores the tags; answers whether they were stored (if not, the editor shows the stored ones again). */
  onChange: (tags: string[]) => Promise<boolean>;
  /** Names the field for probes (`data-control`), in-page. */
  control?: string;
  /** Shows the tags without a field to type more (where typing would not be private). */
  readOnly?: boolean;
}) {
  const [draft, setDraft] = useState('');
  const [listId] = useState(() => `clearmark-tags-${++lists}`);
  // The tags last sent, and the stored states they were built on (the stored tags, then each
  // earlier send on its way): while the store shows one of those, the last send stands.
  const [sent, setSent] = useState<{ over: (readonly string[])[]; tags: string[] } | null>(null);
  const pending = sent !== null && sent.over.some((o) => sameTags(o, stored));
  const tags = pending ? sent.tags : stored;
  const change = (next: string[]) => {
    setSent({ over: pending ? [...sent.over, sent.tags] : [stored], tags: next });
    // Not stored: unless something was sent since, the stored tags show again.
    void onChange(next).then((done) => done || setSent((now) => (now?.tags === next ? null : now)));
  };
  const add = (text: string) => {
    const next = normalizeTags([...tags, ...text.split(',')]);
    setDraft('');
    if (next.length !== tags.length) change(next);
  };
  const onKey = (e: KeyboardEvent) => {
    e.stopPropagation();
    if (e.key === 'Enter' && draft.trim()) {
      e.preventDefault();
      add(draft);
    } else if (e.key === 'Backspace' && !draft && tags.length) {
      change(tags.slice(0, -1));
    }
  };
  // In a web page, key presses reach the field only as PRIVATE_KEY_EVENT, never through the page.
  const field = useRef<HTMLInputElement>(null);
  const keyHandler = useRef(onKey);
  keyHandler.current = onKey;
  useEffect(() => {
    const el = field.current;
    const listener = (e: Event) => keyHandler.current((e as CustomEvent<KeyboardEvent>).detail);
    el?.addEventListener(PRIVATE_KEY_EVENT, listener);
    return () => el?.removeEventListener(PRIVATE_KEY_EVENT, listener);
  }, [readOnly]);
  const offered = suggestions.filter((s) => !tags.some((t) => t.toLowerCase() === s.toLowerCase()));
  return (
    <div class="tags" role="group" aria-label={t('tags')}>
      {tags.map((tag) => (
        <span class="tag" key={tag} dir="auto">
          #{tag}
          <button
            type="button"
            class="tag-remove"
            aria-label={t('removeTag', { tag })}
            data-control={control && `remove-tag-${tag}`}
            onClick={() => change(tags.filter((t) => t !== tag))}
          >
            ×
          </button>
        </span>
      ))}
      {!readOnly && (
        <input
          ref={field}
          type="text"
          class="tag-input"
          dir="auto"
          name="tag"
          aria-label={t('addTagLabel')}
          placeholder={tags.length ? t('addTagMore') : t('addTagFirst')}
          list={listId}
          autocomplete="off"
          data-control={control}
          value={draft}
          onInput={(e) => {
            const text = e.currentTarget.value;
            if (text.includes(',')) add(text);
            else setDraft(text);
          }}
          onKeyDown={onKey}
          onBlur={() => draft.trim() && add(draft)}
        />
      )}
      <datalist id={listId}>
        {offered.map((s) => (
          <option value={s} key={s} />
        ))}
      </datalist>
    </div>
  );
}
