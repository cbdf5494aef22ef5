/**
 * W3C Web Annotation JSON-LD: an AnnotationCollection whose page of items holds one Annotation
 * per highlight — motivation `highlighting`, a TextQuoteSelector and a TextPositionSelector
 * (code points into the page's text, as the model counts), the note as a TextualBody for
 * commenting and the color as one for tagging.
 */
import { UUID_PATTERN } from '../../shared/new-id';
import { documentPosition, isoTime, type PageHighlightsExport } from './export-input';

export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

export function toWebAnnotations(entries: PageHighlightsExport[], exportedAt: number): string {
  const items = entries.flatMap(({ page, highlights }) =>
    highlights.map((h) => {
      const position = documentPosition(h);
      const body: object[] = [{ type: 'TextualBody', purpose: 'tagging', value: h.color }];
      if (h.note) body.unshift({ type: 'TextualBody', purpose: 'commenting', value: h.note, format: 'text/plain' });
      return {
        id: UUID_PATTERN.test(h.id) ? `urn:uuid:${h.id}` : `urn:clearmark:highlight:${encodeURIComponent(h.id)}`,
        type: 'Annotation',
        motivation: 'highlighting',
        created: isoTime(h.createdAt),
        modified: isoTime(h.updatedAt),
        body,
        target: {
          source: page.url,
          selector: [
            { type: 'TextQuoteSelector', exact: h.target.quote.exact, prefix: h.target.quote.prefix, suffix: h.target.quote.suffix },
            { type: 'TextPositionSelector', start: position.start, end: position.end },
          ],
        },
      };
    }),
  );
  const collection = {
    '@context': ANNOTATION_CONTEXT,
    id: `urn:clearmark:export:${exportedAt}`,
    type: 'AnnotationCollection',
    label: entries.length === 1 ? `Highlights: ${entries[0]!.page.title || entries[0]!.page.url}` : 'Clearmark highlights',
    generated: isoTime(exportedAt),
    total: items.length,
    first: { type: 'AnnotationPage', startIndex: 0, items },
  };
  return `${JSON.stringify(collection, null, 2)}\n`;
}
