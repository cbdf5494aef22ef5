/**
 * W3C Web Annotation JSON-LD from any tool: one annotation, a list of them, an
 * AnnotationCollection with its pages embedded, or an AnnotationPage. Read from the model's terms
 * as the W3C context compacts them (`id`/`type`, or `@id`/`@type`): the TextQuoteSelector (also
 * as a CssSelector's refinement, whose selector becomes the scope), the TextPositionSelector
 * (code points), TextualBody comments as the note and tagging bodies as tags — the first tag
 * naming a Clearmark color is the color, as Clearmark's own export writes it — and the page's
 * title, author, site and date from the source's Dublin Core terms. A PDF (source `urn:x-pdf:…`)
 * keeps the page a FragmentSelector names (`page=N`).
 */
import { HIGHLIGHT_COLORS } from '../../shared/model';
import { UUID_PATTERN } from '../../shared/new-id';
import { isRecord } from '../../shared/protocol';
import { fail, type Result } from '../../shared/result';
import { BatchBuilder, parseTime, textOfHtml, type ImportBatch } from './import-batch';
import { say } from '../engine-words';

type Json = Record<string, unknown>;
const list = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const typesOf = (v: Json): string[] =>
  list(v.type ?? v['@type'])
    .filter((t): t is string => typeof t === 'string')
    .map((t) => t.replace(/^oa:/, ''));
/** An identifier is a string, given alone or as `id` / `@id`; anything else names nothing. */
const idOf = (v: unknown): string => {
  const id = isRecord(v) ? (v.id ?? v['@id']) : v;
  return typeof id === 'string' ? id : '';
};
const str = (v: unknown): string =>
  typeof v === 'string' ? v : isRecord(v) && typeof v['@value'] === 'string' ? v['@value'] : '';

const ANNOTATION_TYPES = ['Annotation', 'AnnotationCollection', 'AnnotationPage'];

/** Whether parsed JSON is Web Annotation data. */
export function isWebAnnotation(data: unknown): boolean {
  const first: unknown = Array.isArray(data) ? data[0] : data;
  if (!isRecord(first)) return false;
  const context = list(first['@context']).map(String);
  return context.some((c) => c.includes('w3.org/ns/anno')) || typesOf(first).some((t) => ANNOTATION_TYPES.includes(t));
}

/** Every annotation object in the data, pages and collections opened. */
function annotationsIn(data: unknown, missing: string[]): Json[] {
  if (Array.isArray(data)) return data.flatMap((d) => annotationsIn(d, missing));
  if (!isRecord(data)) return [];
  const types = typesOf(data);
  if (types.includes('AnnotationCollection')) {
    const pages: Json[] = [];
    for (
      let page: unknown = data.first;
      page !== undefined && pages.length < 100_000;
      page = isRecord(page) ? page.next : undefined
    ) {
      if (!isRecord(page)) {
        if (typeof page === 'string') missing.push(page);
        break;
      }
      pages.push(page);
    }
    return pages.flatMap((p) => annotationsIn(p, missing));
  }
  if (types.includes('AnnotationPage')) return list(data.items).filter(isRecord);
  return [data];
}

export function readWebAnnotations(data: unknown, now: number): Result<ImportBatch> {
  const missing: string[] = [];
  const annotations = annotationsIn(data, missing);
  const [firstMissing] = missing;
  if (!annotations.length && firstMissing !== undefined) {
    return fail('invalid-file', say('annotationsOnlyLinked', { link: firstMissing.slice(0, 100) }));
  }
  const batch = new BatchBuilder('web-annotation', now);
  annotations.forEach((a, i) => {
    const where = say('whereAnnotation', { n: i + 1 });
    const targets = list(a.target);
    let target: Json | undefined;
    let found: ReturnType<typeof textQuote> = null;
    for (const t of targets) {
      found = isRecord(t) ? textQuote(list(t.selector)) : null;
      if (found) {
        target = t as Json;
        break;
      }
    }
    if (!target || !found) {
      batch.skip(where, targets.length ? say('skipWholeResource') : say('skipNoTarget'));
      return;
    }
    const selectors = list(target.selector);
    const position = selectors.find(
      (s): s is Json =>
        isRecord(s) &&
        typesOf(s).includes('TextPositionSelector') &&
        Number.isInteger(s.start) &&
        Number.isInteger(s.end),
    );
    // A PDF's page: a FragmentSelector of the PDF media type, `page=N` (RFC 3778).
    const pageFragment = selectors.find(
      (s): s is Json => isRecord(s) && typesOf(s).includes('FragmentSelector') && /^page=\d+$/.test(str(s.value)),
    );
    const source = target.source;
    const url = idOf(source);
    if (isRecord(source)) {
      batch.page(url, {
        title: str(source['dc:title'] ?? source['dcterms:title']),
        author: str(source['dc:creator']),
        siteName: str(source['dc:publisher']),
        publishedAt: str(source['dc:date']),
      });
    }
    const bodies = list(a.body).filter(isRecord);
    const isTagging = (b: Json) => b.purpose === 'tagging' || b.purpose === 'oa:tagging';
    const notes = bodies
      .filter((b) => !isTagging(b) && typesOf(b).concat(['TextualBody']).includes('TextualBody') && str(b.value))
      .map((b) => (str(b.format).includes('html') ? textOfHtml(str(b.value)) : str(b.value)));
    const tagValues = bodies
      .filter(isTagging)
      .map((b) => str(b.value))
      .filter(Boolean);
    const colorAt = tagValues.findIndex((t) => (HIGHLIGHT_COLORS as readonly string[]).includes(t));
    const id = idOf(a).replace(/^urn:uuid:/, '');
    const cp = position ? { start: position.start as number, end: position.end as number } : undefined;
    batch.highlight(where, {
      ...(UUID_PATTERN.test(id) ? { id } : { sourceId: idOf(a) || undefined }),
      url,
      exact: found.exact,
      prefix: found.prefix,
      suffix: found.suffix,
      // The model counts code points; Clearmark's own offsets count UTF-16 units. As a hint for
      // anchoring the code points serve (they differ only after characters outside the BMP).
      position: cp,
      documentPosition: cp,
      scope: found.scope,
      page: pageFragment ? Number(str(pageFragment.value).slice(5)) : undefined,
      note: notes.join('\n\n'),
      color: colorAt === -1 ? undefined : tagValues[colorAt],
      tags: tagValues.filter((_, t) => t !== colorAt),
      createdAt: parseTime(a.created),
      updatedAt: parseTime(a.modified),
    });
  });
  return batch.done();
}

function textQuote(selectors: unknown[]): { exact: string; prefix: string; suffix: string; scope?: string } | null {
  for (const s of selectors) {
    if (!isRecord(s)) continue;
    const types = typesOf(s);
    if (types.includes('TextQuoteSelector') && typeof s.exact === 'string')
      return { exact: s.exact, prefix: str(s.prefix), suffix: str(s.suffix) };
    if (types.includes('CssSelector') && typeof s.value === 'string' && isRecord(s.refinedBy)) {
      const inner = textQuote([s.refinedBy]);
      if (inner) return { ...inner, scope: s.value };
    }
  }
  // A CssSelector refined by a quote comes before the plain quote in Clearmark's export; a plain
  // quote elsewhere is taken above, so only a scope can be missing here.
  return null;
}
