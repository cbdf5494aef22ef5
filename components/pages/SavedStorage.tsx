/**
 * The Saved view's room and pictures: how pictures in saved copies are shown (by address, kept
 * offline — which asks the browser for access to all sites — or not at all), how much room
 * copies and pictures take, and a way to free it: pictures, or archived copies, older than a
 * chosen age. Highlights are never touched.
 */
import { formatBytes, t, tn, type WordKey } from '@/utils/i18n/words';
import { useEffect, useState } from 'preact/hooks';
import { askBackground, askForAllSites } from '@/utils/pages/extension-client';
import type { SavedImages, StorageUse } from '@/utils/shared/model';

const PICTURES: Record<SavedImages, WordKey> = {
  address: 'picturesFromWeb',
  offline: 'picturesOffline',
  none: 'picturesNone',
};
const AGES = { 7: 'ageWeek', 30: 'ageMonth', 90: 'ageThreeMonths', 365: 'ageYear' } as const satisfies Record<
  number,
  WordKey
>;

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
      setMessage(t('picturesNeedAccess'));
      return;
    }
    const answer = await askBackground({ type: 'settings:set', settings: { savedImages: next } });
    if (answer.ok) {
      setPictures(answer.value.savedImages);
      setMessage(next === 'offline' ? t('picturesKeptOffline') : '');
    }
  };
  const prune = async (what: 'images' | 'archived') => {
    const answer = await askBackground({ type: 'saved:prune', what, olderThanDays: age });
    if (!answer.ok) {
      setMessage(answer.error);
      return;
    }
    const { copies, images } = answer.value;
    setMessage(what === 'images' ? tn('picturesDropped', images) : tn('archivedCopiesDeleted', copies));
    measure();
    if (copies) onChanged();
  };

  if (pictures === null) return null;
  return (
    // Measured when opened: counting the room reads every copy, which a list need not wait behind.
    <details class="saved-storage" onToggle={(e) => e.currentTarget.open && measure()}>
      <summary>{t('picturesAndStorage')}</summary>
      <label class="field">
        <span>{t('picturesInSaved')}</span>
        <select
          name="saved-images"
          value={pictures}
          onChange={(e) => void choose(e.currentTarget.value as SavedImages)}
        >
          {Object.entries(PICTURES).map(([value, label]) => (
            <option value={value}>{t(label)}</option>
          ))}
        </select>
      </label>
      {use && (
        <p class="storage-use" data-role="storage-use">
          {tn('savedCopiesUse', use.copies, { size: formatBytes(use.copyBytes) })}{' '}
          {use.images ? tn('picturesUse', use.images, { size: formatBytes(use.imageBytes) }) : t('noPicturesOffline')}
        </p>
      )}
      <div class="prune">
        <label>
          <span>{t('olderThan')}</span>
          <select
            name="prune-age"
            value={age}
            onChange={(e) => setAge(Number(e.currentTarget.value) as keyof typeof AGES)}
          >
            {Object.entries(AGES).map(([days, label]) => (
              <option value={days}>{t(label)}</option>
            ))}
          </select>
        </label>
        <button type="button" class="action" data-action="drop-pictures" onClick={() => void prune('images')}>
          {t('dropPictures')}
        </button>
        <button type="button" class="action" data-action="drop-archived" onClick={() => void prune('archived')}>
          {t('deleteArchived')}
        </button>
      </div>
      <p class="storage-message" role="status">
        {message}
      </p>
    </details>
  );
}
