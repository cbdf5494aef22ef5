/**
 * The Saved view's room and pictures: how pictures in saved copies are shown (by address, kept
 * offline — which asks the browser for access to all sites — or not at all), how much room
 * copies and pictures take, and a way to free it: pictures, or archived copies, older than a
 * chosen age. Highlights are never touched.
 */
import { useEffect, useState } from 'preact/hooks';
import { askBackground, askForAllSites } from '@/utils/pages/extension-client';
import type { SavedImages, StorageUse } from '@/utils/shared/model';

const PICTURES: Record<SavedImages, string> = { address: 'Load from the web', offline: 'Keep offline', none: 'Do not show' };
const AGES = { 7: 'a week', 30: 'a month', 90: 'three months', 365: 'a year' } as const;

export function SavedStorage({ onChanged }: { onChanged: () => void }) {
  const [pictures, setPictures] = useState<SavedImages | null>(null);
  const [use, setUse] = useState<StorageUse | null>(null);
  const [age, setAge] = useState<keyof typeof AGES>(30);
  const [message, setMessage] = useState('');
  const measure = () => void askBackground({ type: 'storage:use' }).then((r) => r.ok && setUse(r.value));
  useEffect(() => {
    void askBackground({ type: 'settings:get' }).then((r) => r.ok && setPictures(r.value.savedImages));
  }, []);

  const choose = async (next: SavedImages) => {
    // Keeping pictures offline needs the browser's permission to fetch them: asked now, in answer to this choice.
    if (next === 'offline' && !(await askForAllSites())) {
      setMessage('Pictures stay as they were: keeping them offline needs access to the sites they come from.');
      return;
    }
    const answer = await askBackground({ type: 'settings:set', settings: { savedImages: next } });
    if (answer.ok) {
      setPictures(answer.value.savedImages);
      setMessage(next === 'offline' ? 'Pictures of articles saved from now on are kept offline.' : '');
    }
  };
  const prune = async (what: 'images' | 'archived') => {
    const answer = await askBackground({ type: 'saved:prune', what, olderThanDays: age });
    if (!answer.ok) return setMessage(answer.error);
    const { copies, images } = answer.value;
    setMessage(what === 'images' ? `${count(images, 'picture')} dropped; the copies show them from the web again.` : `${count(copies, 'archived copy', 'archived copies')} deleted; their highlights stay.`);
    measure();
    if (copies) onChanged();
  };

  if (pictures === null) return null;
  return (
    // Measured when opened: counting the room reads every copy, which a list need not wait behind.
    <details class="saved-storage" onToggle={(e) => e.currentTarget.open && measure()}>
      <summary>Pictures and storage</summary>
      <label class="field">
        <span>Pictures in saved articles</span>
        <select name="saved-images" value={pictures} onChange={(e) => void choose(e.currentTarget.value as SavedImages)}>
          {Object.entries(PICTURES).map(([value, label]) => (
            <option value={value}>{label}</option>
          ))}
        </select>
      </label>
      {use && (
        <p class="storage-use" data-role="storage-use">
          {count(use.copies, 'saved copy', 'saved copies')} {use.copies === 1 ? 'uses' : 'use'} {size(use.copyBytes)};{' '}
          {use.images ? `${count(use.images, 'picture')} kept offline ${use.images === 1 ? 'uses' : 'use'} ${size(use.imageBytes)}.` : 'no pictures are kept offline.'}
        </p>
      )}
      <div class="prune">
        <label>
          <span>Older than</span>
          <select name="prune-age" value={age} onChange={(e) => setAge(Number(e.currentTarget.value) as keyof typeof AGES)}>
            {Object.entries(AGES).map(([days, label]) => (
              <option value={days}>{label}</option>
            ))}
          </select>
        </label>
        <button type="button" class="action" data-action="drop-pictures" onClick={() => void prune('images')}>
          Drop pictures
        </button>
        <button type="button" class="action" data-action="drop-archived" onClick={() => void prune('archived')}>
          Delete archived copies
        </button>
      </div>
      <p class="storage-message" role="status">
        {message}
      </p>
    </details>
  );
}

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;
const size = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024)).toLocaleString()} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);
