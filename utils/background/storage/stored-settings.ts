/**
 * Settings as stored: completed with the defaults of fields added since they were written, and
 * changed field by field (the reader's and Obsidian's groups too).
 */
import { DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '../../shared/model';

/** Stored settings completed with defaults for anything added since they were saved. */
export function withDefaults(stored: Partial<Settings> | undefined): Settings {
  return {
    ...DEFAULT_SETTINGS,
    ...stored,
    reader: { ...DEFAULT_SETTINGS.reader, ...stored?.reader },
    obsidian: { ...DEFAULT_SETTINGS.obsidian, ...stored?.obsidian },
  };
}

/** Settings with a change applied: the nested groups (reader, Obsidian) field by field; a field sent as `undefined` is left as it was. */
export function withPatch(current: Settings, patch: SettingsPatch): Settings {
  return {
    ...current,
    ...given(patch),
    reader: { ...current.reader, ...given(patch.reader) },
    obsidian: { ...current.obsidian, ...given(patch.obsidian) },
  };
}

/** The fields of a change that name a value (a message may carry a field as `undefined`). */
function given<T extends object>(patch: T | undefined): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(patch ?? {}).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
