/**
 * A list of highlights as the popup and the library show them, with their edits wired to the
 * background (which tells every open view), and undo for a few seconds after a delete. An edit
 * shows at once; one the store refuses is taken back and said, a note with its words to copy.
 */
import { colorName, notSaved, t } from '@/utils/i18n/words';
import { useEffect, useRef, useState } from 'preact/hooks';
import { rovingFocus } from '@/utils/shared/roving-focus';
import type { HighlightRecord } from '@/utils/shared/model';
import type { Result } from '@/utils/shared/result';
import { askBackground, PAGE_ORIGIN as origin } from '@/utils/pages/extension-client';
import { HighlightItem, type HighlightActions } from './HighlightItem';

const UNDO_MS = 8000;

export function HighlightList({
  highlights,
  label = t('highlights'),
  onOpen,
  hrefFor,
  pageLabelFor,
  onChanged,
}: {
  highlights: HighlightRecord[];
  label?: string;
  onOpen?: (h: HighlightRecord) => void;
  hrefFor?: (h: HighlightRecord) => string;
  pageLabelFor?: (h: HighlightRecord) => string;
  /** Called after any edit is stored, or with what to tell the person if it was refused. */
  onChanged?: (problem?: string) => void;
}) {
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const [deleted, setDeleted] = useState<HighlightRecord | null>(null);
  const [edits, setEdits] = useState<Map<string, HighlightRecord>>(new Map());
  // Tags in use anywhere, for completion: asked once per list.
  const [knownTags, setKnownTags] = useState<string[]>([]);
  useEffect(
    () => void askBackground({ type: 'tags:list' }).then((r) => r.ok && setKnownTags(r.value.map((t) => t.tag))),
    [],
  );

  useEffect(() => {
    if (!deleted) return;
    const timer = setTimeout(() => setDeleted(null), UNDO_MS);
    return () => clearTimeout(timer);
  }, [deleted]);
  // Fresh records from the parent replace local edits.
  useEffect(() => setEdits(new Map()), [highlights]);

  // What a screen reader is told once a change is stored (a polite live region, always in the page).
  const [said, setSaid] = useState('');
  /** Keeps the stored record and says `words`; a refused edit shows `before` again and says why. */
  const keep = (words: string, before: HighlightRecord, note?: string) => (answer: Result<HighlightRecord>) => {
    if (answer.ok) {
      setEdits((m) => new Map(m).set(answer.value.id, answer.value));
      setSaid(words);
      onChanged?.();
      return;
    }
    setEdits((m) => new Map(m).set(before.id, before));
    onChanged?.(notSaved(answer.error, note));
  };
  const actions: HighlightActions = {
    recolor: (h, color) => {
      setEdits((m) => new Map(m).set(h.id, { ...h, color }));
      void askBackground({ type: 'highlight:update', id: h.id, color, origin }).then(
        keep(t('colorNamed', { color: colorName(color) }), h),
      );
    },
    saveNote: (h, note) => {
      setEdits((m) => new Map(m).set(h.id, { ...h, note }));
      void askBackground({ type: 'highlight:update', id: h.id, note, origin }).then(
        keep(note ? t('noteSaved') : t('noteRemoved'), h, note),
      );
    },
    retag: (h, tags) => {
      setEdits((m) => new Map(m).set(h.id, { ...h, tags }));
      return askBackground({ type: 'highlight:update', id: h.id, tags, origin }).then((answer) => {
        keep(t('tagsSaved'), h)(answer);
        if (answer.ok) setKnownTags((known) => [...new Set([...known, ...(answer.value.tags ?? [])])]);
        return answer.ok;
      });
    },
    remove: (h) => {
      setHidden((s) => new Set(s).add(h.id));
      void askBackground({ type: 'highlight:delete', id: h.id, origin }).then((answer) => {
        if (answer.ok) setDeleted(answer.value);
        else setHidden((s) => (s.delete(h.id), new Set(s)));
        onChanged?.(answer.ok ? undefined : notSaved(answer.error));
      });
    },
  };
  const undo = () => {
    if (!deleted) return;
    const record = deleted;
    setDeleted(null);
    void askBackground({ type: 'highlight:restore', highlight: record, origin }).then((answer) => {
      if (answer.ok) {
        setHidden((s) => (s.delete(record.id), new Set(s)));
        setSaid(t('highlightRestored'));
      }
      onChanged?.(answer.ok ? undefined : notSaved(answer.error));
    });
  };

  const shown = highlights.filter((h) => !hidden.has(h.id)).map((h) => edits.get(h.id) ?? h);
  // One tab stop for the whole list; arrows move between highlights and along a highlight's actions.
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => (list.current ? rovingFocus(list.current, '.highlight') : undefined), []);
  return (
    <>
      <ol class="highlights" aria-label={label} ref={list} aria-description={t('listKeysHint')}>
        {shown.map((h) => (
          <HighlightItem
            key={h.id}
            highlight={h}
            actions={actions}
            onOpen={onOpen && (() => onOpen(h))}
            openHref={hrefFor?.(h)}
            pageLabel={pageLabelFor?.(h)}
            tagSuggestions={knownTags}
          />
        ))}
      </ol>
      <p class="sr-only" role="status" aria-live="polite" data-role="said">
        {said}
      </p>
      {deleted && (
        <div class="toast" role="status">
          <span>{t('highlightDeletedToast')}</span>
          <button type="button" class="link" data-action="undo" onClick={undo}>
            {t('undo')}
          </button>
        </div>
      )}
    </>
  );
}
