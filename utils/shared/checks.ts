/**
 * The pieces every checked shape is built from: a message's payload, a record read from a backup
 * or a sync server. Each is a valibot schema (docs/adr/0017) carrying the words a person reads when
 * it fails ("note is longer than 100000 characters"), so one declaration gives the check, the
 * error and, inferred from it, the TypeScript type. Every builder is free of side effects: a
 * bundle keeps only the schemas it uses (the content script loads in every page).
 */
import * as v from 'valibot';

/** Longest note or quote a highlight may carry. */
export const MAX_TEXT = 100_000;
export const MAX_URL = 8_192;

/** A check's verdict: null when the value passes, else what is wrong, the field first ("pages[0].url must be…"). */
export type Check = (value: unknown) => string | null;

/** A plain object (not null, not a list): the shape of any JSON object. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const text = /*#__NO_SIDE_EFFECTS__*/ (max: number) =>
  v.pipe(v.string('must be a string'), v.maxLength(max, `is longer than ${max} characters`));

export const nonEmptyText = /*#__NO_SIDE_EFFECTS__*/ (max: number) =>
  v.pipe(
    v.string('must be a string'),
    v.maxLength(max, `is longer than ${max} characters`),
    v.minLength(1, 'must not be empty'),
  );

/**
 * A PDF's own name, the same wherever it is opened from: `urn:x-pdf:` and the fingerprint PDF.js
 * reads from the file (docs/pdf.md).
 */
export const PDF_URN = /^urn:x-pdf:[0-9a-z]{1,128}$/i;

/** What highlights are kept under: a web page's address, or a PDF's fingerprint name. */
export const pageUrl = /*#__PURE__*/ v.pipe(
  v.string('must be a string'),
  v.maxLength(MAX_URL, `is longer than ${MAX_URL} characters`),
  v.minLength(1, 'must not be empty'),
  v.check((url) => /^https?:\/\//i.test(url) || PDF_URN.test(url), 'must be an http(s) URL or urn:x-pdf:<fingerprint>'),
);

/** An address a page may have: http or https, never javascript:, file: or data:. */
export const httpUrl = /*#__PURE__*/ v.pipe(
  v.string('must be a string'),
  v.maxLength(MAX_URL, `is longer than ${MAX_URL} characters`),
  v.minLength(1, 'must not be empty'),
  v.regex(/^https?:\/\//i, 'must be an http(s) URL'),
);

export const count = /*#__PURE__*/ v.pipe(
  v.number('must be a whole number ≥ 0'),
  v.safeInteger('must be a whole number ≥ 0'),
  v.minValue(0, 'must be a whole number ≥ 0'),
);

export const oneOf = /*#__NO_SIDE_EFFECTS__*/ <const T extends readonly string[]>(values: T) =>
  v.picklist(values, `must be one of ${values.join(', ')}`);

export const flag = /*#__PURE__*/ v.boolean('must be true or false');

export const literal = /*#__NO_SIDE_EFFECTS__*/ <const T extends string>(expected: T) =>
  v.literal(expected, `must be "${expected}"`);

/** A list of at most `max` items, each checked; errors name the item as `[i]`. */
export const listOf = /*#__NO_SIDE_EFFECTS__*/ <T extends v.GenericSchema>(item: T, max: number) =>
  v.pipe(v.array(item, 'must be a list'), v.maxLength(max, `has more than ${max} items`));

/** An object of these fields; a value that is not an object "must be an object". */
export const shape = /*#__NO_SIDE_EFFECTS__*/ <T extends v.ObjectEntries>(entries: T) =>
  v.object(entries, 'must be an object');

/** Where an issue is, as a person reads it: `highlights[4].color`. */
function pathOf(issue: v.BaseIssue<unknown>): string {
  let out = '';
  for (const item of issue.path ?? []) {
    const key = item.key;
    out += typeof key === 'number' ? `[${key}]` : `${out ? '.' : ''}${String(key)}`;
  }
  return out;
}

/** The schema a path leads to inside `schema`: through objects, lists, optional fields, pipes and variants (the option the value chose). */
function schemaAt(schema: v.GenericSchema, path: readonly v.IssuePathItem[]): unknown {
  let here: unknown = schema;
  for (const item of path) {
    here = unwrapped(here, item.input);
    if (!isRecord(here)) return undefined;
    if (isRecord(here.entries) && typeof item.key === 'string') here = here.entries[item.key];
    else if ('item' in here && typeof item.key === 'number') here = here.item;
    else return undefined;
  }
  return here;
}
const isSchema = (value: unknown): value is v.GenericSchema =>
  isRecord(value) && value.kind === 'schema' && typeof value['~run'] === 'function';
function unwrapped(schema: unknown, input: unknown): unknown {
  let here = schema;
  for (;;) {
    if (isRecord(here) && 'wrapped' in here) here = here.wrapped;
    else if (isRecord(here) && typeof here.key === 'string' && Array.isArray(here.options) && isRecord(input)) {
      const key = here.key;
      here = here.options.find(
        (option: unknown) =>
          isRecord(option) &&
          isRecord(option.entries) &&
          isSchema(option.entries[key]) &&
          v.is(option.entries[key], input[key]),
      );
    } else return here;
  }
}

/** The first thing wrong with `value`, in words, the field first; null when it passes. */
export function describeFailure(schema: v.GenericSchema, value: unknown): string | null {
  const result = v.safeParse(schema, value, { abortEarly: true });
  if (result.success) return null;
  const issue = result.issues[0];
  const where = pathOf(issue);
  // A field that is missing is reported as its own check reports `undefined` ("id must be a string"),
  // not as the object's "Invalid key".
  const last = issue.path?.at(-1);
  if (last && 'origin' in last && last.origin === 'key') {
    const field = issue.path && schemaAt(schema, issue.path);
    const own = isSchema(field) ? v.safeParse(field, undefined, { abortEarly: true }) : undefined;
    if (own && !own.success) return `${where} ${own.issues[0].message}`;
  }
  return where ? `${where} ${issue.message}` : issue.message;
}

/** The value as the schema reads it (only the fields it names), or what is wrong with it, in words. */
export function checked<S extends v.GenericSchema>(
  schema: S,
  value: unknown,
): { ok: true; value: v.InferOutput<S> } | { ok: false; error: string } {
  const result = v.safeParse(schema, value, { abortEarly: true });
  return result.success
    ? { ok: true, value: result.output }
    : { ok: false, error: describeFailure(schema, value) ?? 'is not valid' };
}

/** The schema as a `Check`: what is wrong, in words, or null. */
export const checkWith =
  /*#__NO_SIDE_EFFECTS__*/
  (schema: v.GenericSchema): Check =>
    (value) =>
      describeFailure(schema, value);
