/**
 * YAML scalars for front matter that every parser reads back as the same text: YAML 1.2 (the
 * `yaml` package, Obsidian) and YAML 1.1 (PyYAML, libyaml). A double-quoted scalar with every
 * character outside YAML's printable set escaped — control characters, DEL and C1, U+0085,
 * U+2028/9 (line breaks to YAML 1.1), the byte-order mark and non-characters — and lone
 * surrogates, which no YAML can hold, replaced by U+FFFD.
 */
import { withoutLoneSurrogates } from './export-input';

// eslint-disable-next-line no-control-regex -- control characters are exactly what this must find
const NOT_PRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;

export function yamlString(value: string): string {
  const escaped = withoutLoneSurrogates(value)
    .replace(/[\\"]/g, (c) => `\\${c}`)
    .replace(NOT_PRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `"${escaped}"`;
}
