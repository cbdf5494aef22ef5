/**
 * Markdown for notes apps (Obsidian and the like): YAML front matter with the page's facts, then
 * each highlight as a block quote in document order, its color as a label and its note beneath.
 * Page text is escaped so it reads as text: no HTML, links, tags or formatting come from a site.
 */
import { isoTime, pageTitle, type PageHighlightsExport } from './export-input';

/** Characters Markdown (and Obsidian's extensions: ==marks==, #tags, $math$) would read as syntax. */
const SYNTAX = /[\\`*_{}[\]<>()#!|~=$&]/g;

export function escapeMarkdown(text: string): string {
  return text
    .replace(SYNTAX, (c) => `\\${c}`)
    // A line that starts like a list, a heading or a rule is made plain.
    .replace(/^(\s*)([-+]|\d+[.)])(?=\s|$)/gm, (_m, space: string, mark: string) => `${space}${mark.replace(/([-+.)])$/, '\\$1')}`);
}

/** A YAML scalar: JSON's double-quoted strings are valid YAML, escapes and all. */
const yaml = (value: string | number): string => (typeof value === 'number' ? String(value) : JSON.stringify(value));

function frontMatter(fields: [string, string | number][]): string {
  return ['---', ...fields.map(([k, v]) => `${k}: ${yaml(v)}`), '---'].join('\n');
}

function quoteBlock(text: string): string {
  return escapeMarkdown(text.trim())
    .split(/\r?\n/)
    .map((line) => (line.trim() ? `> ${line}` : '>'))
    .join('\n');
}

function highlightsBody({ highlights }: PageHighlightsExport): string {
  if (highlights.length === 0) return '_No highlights._';
  return highlights
    .map((h) => {
      const parts = [quoteBlock(h.target.quote.exact), `*${h.color}*`];
      if (h.note.trim()) parts.push(escapeMarkdown(h.note.trim()));
      return parts.join('\n\n');
    })
    .join('\n\n');
}

function pageFacts(entry: PageHighlightsExport): [string, string][] {
  const { page } = entry;
  return [
    ['title', pageTitle(page)],
    ['url', page.url],
    ['author', page.author ?? ''],
    ['site', page.siteName],
    ['published', page.publishedAt ?? ''],
  ];
}

/** One page: a note of its own. Several: one file, a section per page, each with its facts. */
export function toMarkdown(entries: PageHighlightsExport[], exportedAt: number): string {
  const exported = isoTime(exportedAt);
  if (entries.length === 1) {
    const entry = entries[0]!;
    return `${frontMatter([...pageFacts(entry), ['exported', exported]])}\n\n# ${escapeMarkdown(pageTitle(entry.page))}\n\n${highlightsBody(entry)}\n`;
  }
  const sections = entries.map((entry) => {
    const facts = pageFacts(entry)
      .slice(1)
      .filter(([, v]) => v)
      .map(([k, v]) => `- ${k}: ${escapeMarkdown(v)}`)
      .join('\n');
    return `## ${escapeMarkdown(pageTitle(entry.page))}\n\n${facts}\n\n${highlightsBody(entry)}`;
  });
  const count = entries.reduce((n, e) => n + e.highlights.length, 0);
  return `${frontMatter([['title', 'Clearmark highlights'], ['pages', entries.length], ['highlights', count], ['exported', exported]])}\n\n# Clearmark highlights\n\n${sections.join('\n\n')}\n`;
}
