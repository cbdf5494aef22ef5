/**
 * PDFs for the viewer's tests, made here with pdf-lib (never downloaded): a three-page article
 * whose first page ends mid-sentence, so a highlight can run across pages. Small pages, so two
 * fit on the screen at once.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib';

export const PDF_TITLE = 'Tides of the North Sea';

/** Each page's lines, top to bottom. */
export const PDF_PAGES: string[][] = [
  [
    'Tides of the North Sea',
    'The North Sea has two tides a day, each about six hours long.',
    'Fishermen learn the tables before they learn to row a boat.',
    'At the end of the month the spring tide rises higher than',
  ],
  [
    'any other tide, because the sun and the moon pull together.',
    'The neap tide comes a week later and barely covers the sand.',
    'Harbour masters post both on a board beside the quay.',
  ],
  [
    'Storm surges are another matter: wind piles water on the coast.',
    'In 1953 a surge flooded the lowlands of three countries.',
  ],
];

/** The PDF's bytes: `pages` of lines on small landscape pages, with a title in its metadata. */
export async function makePdf(pages: string[][] = PDF_PAGES, title = PDF_TITLE): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(title);
  // Fixed dates: the same lines make the same bytes, and so the same fingerprint.
  pdf.setCreationDate(new Date(Date.UTC(2026, 0, 1)));
  pdf.setModificationDate(new Date(Date.UTC(2026, 0, 1)));
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = pdf.addPage([560, 220]);
    lines.forEach((line, i) => page.drawText(line, { x: 36, y: 180 - i * 40, size: 14, font }));
  }
  return pdf.save();
}

/** A Japanese sentence, for the PDF that names a font it does not embed. */
export const JAPANESE_SENTENCE = '潮の満ち引きは月が決める。';

/**
 * A page of Japanese set in a font the file names but does not embed, its text encoded through one
 * of Adobe's predefined character maps (UniJIS-UCS2-H), as many Japanese and Chinese PDFs are: a
 * reader without those maps finds no text in it at all.
 */
export async function makeJapanesePdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle('潮の話');
  pdf.setCreationDate(new Date(Date.UTC(2026, 0, 1)));
  pdf.setModificationDate(new Date(Date.UTC(2026, 0, 1)));
  const { context } = pdf;
  const descriptor = context.obj({
    Type: 'FontDescriptor',
    FontName: 'KozMinPr6N-Regular',
    Flags: 4,
    FontBBox: [0, -120, 1000, 880],
    ItalicAngle: 0,
    Ascent: 880,
    Descent: -120,
    CapHeight: 700,
    StemV: 80,
  });
  const cidFont = context.obj({
    Type: 'Font',
    Subtype: 'CIDFontType0',
    BaseFont: 'KozMinPr6N-Regular',
    CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Japan1'), Supplement: 6 },
    FontDescriptor: context.register(descriptor),
    DW: 1000,
  });
  const font = context.register(
    context.obj({
      Type: 'Font',
      Subtype: 'Type0',
      BaseFont: 'KozMinPr6N-Regular',
      Encoding: 'UniJIS-UCS2-H',
      DescendantFonts: [context.register(cidFont)],
    }),
  );
  const page = pdf.addPage([560, 220]);
  page.node.setFontDictionary(PDFName.of('F1'), font);
  const codes = Array.from(JAPANESE_SENTENCE, (c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join('');
  page.node.addContentStream(context.register(context.stream(`BT /F1 22 Tf 36 150 Td <${codes}> Tj ET`)));
  return pdf.save();
}

/** A long report's title: its first page is the tides article's, the rest tables. */
export const LONG_PDF_TITLE = 'Tide tables, 1953 to 2026';

/** A thousand pages: the article's first page, then a page of tide readings a week. */
export function longPdfPages(): string[][] {
  const readings = Array.from({ length: 999 }, (_, week) =>
    Array.from({ length: 4 }, (_, day) => `Week ${week + 1}, day ${day + 1}: high water ${(week * 7 + day) % 24}:15.`),
  );
  return [PDF_PAGES[0]!, ...readings];
}

/**
 * Writes the test PDFs under `dir`: one file offered to every origin at two addresses, one that is
 * not, the Japanese one, and the long one.
 */
export async function writePdfFixtures(dir: string): Promise<void> {
  const bytes = await makePdf();
  for (const path of ['shared/tides.pdf', 'shared/mirror/copy-of-tides.pdf', 'private/tides.pdf']) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), bytes);
  }
  writeFileSync(join(dir, 'shared/tides-ja.pdf'), await makeJapanesePdf());
  writeFileSync(join(dir, 'shared/tide-tables.pdf'), await makePdf(longPdfPages(), LONG_PDF_TITLE));
}

/** Paragraphs of a longer piece, for pictures of the viewer: set on A5 pages, wrapped as a typesetter would. */
export const ESSAY: { heading: string; paragraphs: string[] } = {
  heading: 'Reading the Tide Tables',
  paragraphs: [
    'Every harbour on the North Sea prints a table of its tides. The columns look dull, but they are the most useful page a coastal walker can carry: they say when the sand will be dry, when the channels fill, and how long the causeway to the island stays open.',
    'The spring tide comes twice a month, when the sun and the moon pull together. It rises higher and falls lower than any other, and it is the one that floods the salt marsh and strands the unwary on the far side of a creek.',
    'The neap tide comes a week later. The sun and the moon pull against each other, the water barely moves, and the mudflats stay wet all day. Birdwatchers like the neaps: the waders feed close to the sea wall.',
    'A table gives the height of each high and low water in metres above chart datum, which is roughly the lowest tide to be expected. A storm can add a metre to any of them, and a strong wind from the land can take half a metre away.',
    'Fishermen still learn the tables before they learn to row. The old rule of twelfths says the water rises one twelfth in the first hour, two in the second, three in the third and fourth, two in the fifth and one in the last.',
  ],
};

/** The essay as a PDF of A5 pages with a title in its metadata. */
export async function makeEssayPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(ESSAY.heading);
  pdf.setCreationDate(new Date(Date.UTC(2026, 0, 1)));
  pdf.setModificationDate(new Date(Date.UTC(2026, 0, 1)));
  const body = await pdf.embedFont(StandardFonts.TimesRoman);
  const bold = await pdf.embedFont(StandardFonts.TimesRomanBold);
  const [width, height, margin, size, leading] = [420, 595, 48, 11.5, 16];
  let page = pdf.addPage([width, height]);
  let y = height - margin - 20;
  page.drawText(ESSAY.heading, { x: margin, y, size: 20, font: bold });
  y -= 36;
  for (const paragraph of ESSAY.paragraphs) {
    let line = '';
    const lines: string[] = [];
    for (const word of paragraph.split(' ')) {
      const next = line ? `${line} ${word}` : word;
      if (body.widthOfTextAtSize(next, size) > width - 2 * margin) {
        lines.push(line);
        line = word;
      } else line = next;
    }
    lines.push(line);
    for (const text of lines) {
      if (y < margin) {
        page = pdf.addPage([width, height]);
        y = height - margin;
      }
      page.drawText(text, { x: margin, y, size, font: body });
      y -= leading;
    }
    y -= 8;
  }
  return pdf.save();
}
