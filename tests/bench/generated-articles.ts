/** Saved copies for benchmarks: about 2,000 words of real news sentences each, with one word of its own. */
import type { PageRecord, SavedArticle } from '../../utils/shared/model';
import { corpusSentences } from './corpus-sentences';
import { random } from './random';

/** A saved copy for each page given; copy i holds the word `bodyword<i>` once. */
export function generatedArticles(pages: PageRecord[]): SavedArticle[] {
  if (!pages.length) return [];
  const rnd = random(11);
  const pool = corpusSentences();
  return pages.map((page, i) => {
    const parts: string[] = [];
    let words = 0;
    while (words < 2000) {
      const s = pool[Math.floor(rnd() * pool.length)]!;
      parts.push(s);
      words += s.split(' ').length;
    }
    parts.splice(Math.floor(rnd() * parts.length), 0, `The keeper wrote bodyword${i} in the margin.`);
    const text = parts.join(' ');
    const html = parts.map((p) => `<p>${p.replace(/[<&]/g, ' ')}</p>`).join('');
    return {
      url: page.url,
      title: page.title,
      byline: page.author ?? '',
      published: '',
      site: page.siteName,
      lang: 'en',
      dir: 'ltr',
      html,
      text,
      words,
      readingMinutes: Math.round(words / 230),
      leadImage: '',
      savedAt: page.createdAt,
      updatedAt: page.createdAt,
      state: 'unread',
      progress: 0,
    };
  });
}
