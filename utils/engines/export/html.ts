/**
 * A standalone HTML page of highlights, to keep, print or send: each highlight's paragraphs, its
 * color and the day it was made, its note; dates for people, with the exact moment kept in
 * <time>. Every piece of text and every attribute value is escaped, only http(s) addresses become
 * links, and the page's own policy forbids scripts and remote loads.
 */
import { displayParagraphs, pageTitle, readableAddress, shownText, type PageHighlightsExport } from './export-input';
import { say, wordsLanguage } from '../engine-words';

const HTML_ESCAPES: Partial<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

const COLORS = { yellow: '#fde68a', green: '#bbf7d0', blue: '#bfdbfe', pink: '#fbcfe8', purple: '#ddd6fe' } as const;

const STYLE = `body{font:16px/1.6 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1f2328;background:#fff}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2.5rem}.meta{color:#59636e;font-size:.9rem}
blockquote{margin:1rem 0 .25rem;padding:.5rem .75rem;border-left:4px solid;border-radius:2px}blockquote p{margin:.25rem 0}
.note{margin:.25rem 0 1rem .9rem;white-space:pre-wrap}.label{font-size:.75rem;color:#59636e;margin-left:.9rem}
${Object.entries(COLORS)
  .map(([name, color]) => `.${name}{background:${color}40;border-color:${color}}`)
  .join('')}
@media (prefers-color-scheme:dark){body{background:#0d1117;color:#e6edf3}.meta,.label{color:#9198a1}a{color:#4493f8}}`;

/** A date as people read it ("25 November 2026", UTC), in a <time> that keeps the exact moment. */
function when(value: string | number): string {
  const ms = typeof value === 'number' ? value : Date.parse(value);
  if (Number.isNaN(ms)) return escapeHtml(String(value));
  // In the user's language; English as in Britain ("8 March 2025"), which reads the same everywhere.
  const language = wordsLanguage();
  const shown = new Intl.DateTimeFormat(language.startsWith('en') ? 'en-GB' : language, {
    dateStyle: 'long',
    timeZone: 'UTC',
  }).format(ms);
  return `<time datetime="${escapeHtml(new Date(ms).toISOString())}">${escapeHtml(shown)}</time>`;
}

function link(url: string, text: string): string {
  return /^https?:\/\//i.test(url) ? `<a href="${escapeHtml(url)}">${escapeHtml(text)}</a>` : escapeHtml(text);
}

export function toHtml(entries: PageHighlightsExport[], exportedAt: number): string {
  const only = entries.length === 1 ? entries[0] : undefined;
  const single = only !== undefined;
  const title = only ? pageTitle(only.page) : say('exportTitle');
  const sections = entries.map(({ page, highlights }) => {
    const heading = single ? '' : `<h2>${link(readableAddress(page), pageTitle(page))}</h2>\n`;
    const facts = [
      page.author && escapeHtml(page.author),
      page.siteName && escapeHtml(page.siteName),
      page.publishedAt && when(page.publishedAt),
    ]
      .filter(Boolean)
      .join(' · ');
    const items = highlights
      .map((h) => {
        const note = h.note.trim() ? `\n<p class="note">${escapeHtml(h.note.trim())}</p>` : '';
        const quote = displayParagraphs(shownText(h))
          .map((p) => `<p>${escapeHtml(p)}</p>`)
          .join('');
        return `<blockquote class="${escapeHtml(h.color)}">${quote}</blockquote>\n<span class="label">${[h.color, ...(h.tags ?? []).map((t) => `#${t}`)].map(escapeHtml).join(' ')} · ${when(h.createdAt)}</span>${note}`;
      })
      .join('\n');
    return `<section>\n${heading}<p class="meta">${facts ? `${facts} · ` : ''}${link(readableAddress(page), readableAddress(page))}</p>\n${items || `<p>${escapeHtml(say('exportNoHighlights'))}</p>`}\n</section>`;
  });
  return `<!doctype html>
<html lang="${escapeHtml(wordsLanguage())}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="meta">${escapeHtml(say('exportedOn', { date: '\u0000' })).replace('\u0000', when(exportedAt))}</p>
${sections.join('\n')}
</body>
</html>
`;
}
