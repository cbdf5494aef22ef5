/**
 * A text setting kept when it is left (or on Enter). What the person types is the field's own
 * until then: a stored value that arrives meanwhile (another field's save answering, a sync)
 * does not overwrite it, and shows once the field is left.
 */
import { useEffect, useState } from 'preact/hooks';

export function SettingText(props: { name: string; label: string; value: string; onKeep: (value: string) => void }) {
  const [draft, setDraft] = useState(props.value);
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    if (!editing) setDraft(props.value);
  }, [props.value, editing]);
  return (
    <label class="field">
      <span>{props.label}</span>
      <input
        type="text"
        name={props.name}
        dir="auto"
        autocomplete="off"
        spellcheck={false}
        value={draft}
        onFocus={() => setEditing(true)}
        onInput={(e) => setDraft(e.currentTarget.value)}
        onChange={(e) => props.onKeep(e.currentTarget.value)}
        onBlur={() => setEditing(false)}
      />
    </label>
  );
}
