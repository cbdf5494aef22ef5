/**
 * Where "Send to Obsidian" puts an article: the vault, the folder, the note's name (a template),
 * and how highlights are marked. Each field is kept when it is left (or on Enter), not on every key.
 */
import { t, type WordKey } from '@/utils/i18n/words';
import { useEffect, useState } from 'preact/hooks';
import { askBackground } from '@/utils/pages/extension-client';
import { SettingText } from './SettingText';
import { HIGHLIGHT_STYLES, type HighlightStyle, type ObsidianSettings as Chosen } from '@/utils/shared/model';

const STYLES: Record<HighlightStyle, WordKey> = { equals: 'highlightStyleEquals', mark: 'highlightStyleMark' };
const TEXT_FIELDS = [
  { name: 'vault', label: 'obsidianVault' },
  { name: 'folder', label: 'obsidianFolder' },
  { name: 'fileName', label: 'obsidianFileName' },
] as const satisfies readonly { name: keyof Chosen; label: WordKey }[];

export function ObsidianSettings() {
  const [chosen, setChosen] = useState<Chosen | null>(null);
  useEffect(() => {
    void askBackground({ type: 'settings:get' }).then((r) => r.ok && setChosen(r.value.obsidian));
  }, []);
  if (!chosen) return null;
  const keep = (patch: Partial<Chosen>) =>
    void askBackground({ type: 'settings:set', settings: { obsidian: patch } }).then(
      (r) => r.ok && setChosen(r.value.obsidian),
    );
  return (
    <details class="obsidian-settings">
      <summary>{t('obsidianSettings')}</summary>
      {TEXT_FIELDS.map(({ name, label }) => (
        <SettingText
          name={`obsidian-${name}`}
          label={t(label)}
          value={chosen[name]}
          onKeep={(value) => keep({ [name]: value })}
        />
      ))}
      <label class="field">
        <span>{t('obsidianHighlightStyle')}</span>
        <select
          name="obsidian-highlight-style"
          value={chosen.highlightStyle}
          onChange={(e) => keep({ highlightStyle: e.currentTarget.value as HighlightStyle })}
        >
          {HIGHLIGHT_STYLES.map((style) => (
            <option value={style}>{t(STYLES[style])}</option>
          ))}
        </select>
      </label>
    </details>
  );
}
