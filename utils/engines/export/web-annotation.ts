/**
 * W3C Web Annotation JSON-LD: an AnnotationCollection whose page of items holds one Annotation
 * per highlight — motivation `highlighting`; a TextQuoteSelector and a TextPositionSelector (code
 * points into the page's text, as the model counts), and, where the highlight was made in the
 * article, a CssSelector for it refined by the quote; in a PDF (its source `urn:x-pdf:` and its
 * fingerprint) a FragmentSelector for the page it begins on; the note as a TextualBody for commenting
 * and the color and tags as ones for tagging; the page's title, author, site and date on the
 * source in Dublin Core terms. Pages come in address order, highlights in page order. Every id
 * and address is a valid IRI, whatever was stored.
 * Checked by the W3C's own schemas and MUST lists (tests/unit/web-annotation.test.ts).
 */
import { UUID_PATTERN } from '../../shared/new-id';
import { hasPosition } from '../../shared/model';
import { documentPosition, isoTime, LONE_SURROGATE, type PageHighlightsExport } from './export-input';

export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** What a FragmentSelector naming a PDF's page conforms to: the PDF media type's fragments. */
export const PDF_FRAGMENT = 'http://tools.ietf.org/rfc/rfc3778';

/** Characters an IRI may hold as they are (RFC 3987 over ASCII, and `%` of a valid escape). */
const IRI_SAFE = /[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2}/y;

/** An address as a valid IRI: anything else percent-encoded as UTF-8 (a lone surrogate as U+FFFD). */
export function asIri(address: string): string {
  let out = '';
  for (let i = 0; i < address.length;) {
    IRI_SAFE.lastIndex = i;
    const safe = IRI_SAFE.exec(address);
    if (safe) {
      out += safe[0];
      i += safe[0].length;
      continue;
    }
    const code = address.codePointAt(i) ?? 0xfffd;
    const char = String.fromCodePoint(code);
    out += encodeURIComponent(LONE_SURROGATE.test(char) ? '\uFFFD' : char);
    i += char.length;
  }
  return out;
}

/** A highlight's IRI: `urn:uuid:` for a UUID, else a Clearmark URN that keeps every stored id distinct. */
export function highlightIri(id: string): string {
  if (UUID_PATTERN.test(id)) return `urn:uuid:${id}`;
  // Ids that are not well-formed text (a lone surrogate) are named by their UTF-16 code units, so two never meet.
  if (LONE_SURROGATE.test(id))
    return `urn:clearmark:highlight:u16-${Array.from({ length: id.length }, (_, i) => id.charCodeAt(i).toString(16).padStart(4, '0')).join('')}`;
  return `urn:clearmark:highlight:${encodeURIComponent(id)}`;
}

/**
 * The page a highlight is on: its address, and what Clearmark knows of it in Dublin Core terms
 * (title, author, site, date), so another profile importing the file gets the pages back too.
 */
function sourceOf(page: PageHighlightsExport['page']): string | Record<string, string> {
  const about = Object.entries({
    'dc:title': page.title,
    'dc:creator': page.author ?? '',
    'dc:publisher': page.siteName,
    'dc:date': page.publishedAt ?? '',
  }).filter(([, v]) => v !== '');
  return about.length ? { id: asIri(page.url), type: 'Text', ...Object.fromEntries(about) } : asIri(page.url);
}

/** Pages by address and highlights by place: the same library always gives the same file. */
function canonicalOrder(entries: PageHighlightsExport[]): PageHighlightsExport[] {
  return [...entries]
    .sort((a, b) => (a.page.url < b.page.url ? -1 : a.page.url > b.page.url ? 1 : 0))
    .map(({ page, highlights }) => ({
      page,
      highlights: [...highlights].sort(
        (a, b) =>
          documentPosition(a).start - documentPosition(b).start ||
          documentPosition(a).end - documentPosition(b).end ||
          a.createdAt - b.createdAt ||
          (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
      ),
    }));
}

export function toWebAnnotations(entries: PageHighlightsExport[], exportedAt: number): string {
  const only = entries.length === 1 ? entries[0] : undefined;
  const collectionId = `urn:clearmark:export:${exportedAt}`;
  const items = canonicalOrder(entries).flatMap(({ page, highlights }) =>
    highlights.map((h) => {
      const position = documentPosition(h);
      const { quote, scope } = h.target;
      const textQuote = { type: 'TextQuoteSelector', exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix };
      // The color and each of the user's tags: tagging bodies.
      const body: object[] = [h.color, ...(h.tags ?? [])].map((value) => ({
        type: 'TextualBody',
        purpose: 'tagging',
        value,
      }));
      if (h.note) body.unshift({ type: 'TextualBody', purpose: 'commenting', value: h.note, format: 'text/plain' });
      return {
        id: highlightIri(h.id),
        type: 'Annotation',
        motivation: 'highlighting',
        created: isoTime(h.createdAt),
        modified: isoTime(h.updatedAt),
        // One body is written as itself, as JSON-LD compaction with the W3C context writes it.
        body: body.length === 1 ? body[0] : body,
        target: {
          source: sourceOf(page),
          selector: [
            ...(scope ? [{ type: 'CssSelector', value: scope.value, refinedBy: textQuote }] : []),
            textQuote,
            // A highlight imported with its quote alone has no place to give.
            ...(hasPosition(h) ? [{ type: 'TextPositionSelector', start: position.start, end: position.end }] : []),
            // A PDF's page, as the W3C names it: a fragment of the PDF media type (RFC 3778).
            ...(h.target.page
              ? [{ type: 'FragmentSelector', conformsTo: PDF_FRAGMENT, value: `page=${h.target.page}` }]
              : []),
          ],
        },
      };
    }),
  );
  const collection = {
    '@context': ANNOTATION_CONTEXT,
    id: collectionId,
    type: 'AnnotationCollection',
    label: only ? `Highlights: ${only.page.title || only.page.url}` : 'Clearmark highlights',
    generated: isoTime(exportedAt),
    total: items.length,
    first: { id: `${collectionId}:page:0`, type: 'AnnotationPage', startIndex: 0, items },
  };
  return `${JSON.stringify(collection, null, 2)}\n`;
}
