import { describe, expect, it } from 'vitest';
import { bylineInText, dateInText, nameBeforeDate, spacedText } from '@/utils/engines/extraction/header-lines';

describe('the author and the date as the header lines write them', () => {
  it('reads an author line in the common languages’ forms', () => {
    const lines: [string, string, string][] = [
      ['By Mara Lindqvist · 3 March 2025', 'en', 'Mara Lindqvist'],
      ['Von Anna Schmidt, 3. März 2025', 'de', 'Anna Schmidt'],
      ['Par Jeanne Martin le 3 mars 2025', 'fr', 'Jeanne Martin'],
      ['Por Lucía Gómez | 3 de marzo de 2025', 'es', 'Lucía Gómez'],
      ['Di Marco Rossi 3 marzo 2025', 'it', 'Marco Rossi'],
      ['Door Sanne de Vries op 3 maart 2025', 'nl', 'Sanne de Vries'],
      ['Av Erik Nilsson 3 mars 2025', 'sv', 'Erik Nilsson'],
      ['Автор: Иван Петров', 'ru', 'Иван Петров'],
      ['作者：王小明', 'zh', '王小明'],
    ];
    for (const [line, lang, name] of lines) expect(bylineInText(line, lang), line).toBe(name);
  });

  it('does not take a sentence that starts with the same word for an author line', () => {
    expect(bylineInText('By the end of the year the bridge will be open again.', 'en')).toBe('');
    expect(bylineInText('Di solito il porto apre in aprile.', 'it')).toBe('');
  });

  it('separates a name from the date written after it, and keeps a name that is also a month’s', () => {
    expect(nameBeforeDate('Jeff Foust Monday, March 3, 2025', 'en')).toBe('Jeff Foust');
    expect(nameBeforeDate('April Ryan', 'en')).toBe('April Ryan');
    expect(nameBeforeDate('Theresa May', 'en')).toBe('Theresa May');
    expect(nameBeforeDate('Nancy Friday, Ana Ruiz', 'en')).toBe('Nancy Friday, Ana Ruiz');
    expect(nameBeforeDate('Anna Schmidt Montag, 3. März', 'de')).toBe('Anna Schmidt');
  });

  it('reads dates written out in the page’s language or numerically, and refuses impossible ones', () => {
    const dates: [string, string, string][] = [
      ['3 March 2025', 'en', '2025-03-03'],
      ['Monday, March 3, 2025', 'en', '2025-03-03'],
      ['Posted: Fri 6:45 PM, Feb 16, 2018', 'en', '2018-02-16'],
      ['3. März 2025, 10:15 Uhr', 'de', '2025-03-03'],
      ['le 3 mars 2025', 'fr', '2025-03-03'],
      ['3 de marzo de 2025', 'es', '2025-03-03'],
      ['2025-03-03T10:00', 'en', '2025-03-03'],
      ['03.03.2025', 'de', '2025-03-03'],
      ['Updated 8:31 PM, Feb 31, 2018', 'en', ''],
      ['No date in this line', 'en', ''],
    ];
    for (const [line, lang, iso] of dates) expect(dateInText(line, lang), line).toBe(iso);
  });

  it('reads an element’s text with spaces between its elements, however deep the markup, and only its first part', () => {
    const line = document.createElement('div');
    line.innerHTML = '<span><a href="/a">Jeff Foust</a></span><span>Monday, March 3, 2025</span>';
    expect(spacedText(line)).toBe('Jeff Foust Monday, March 3, 2025');
    const deep = document.createElement('div');
    let at: Element = deep;
    for (let i = 0; i < 50_000; i++) at = at.appendChild(document.createElement('span'));
    at.textContent = 'Ana Ruiz';
    deep.append('x'.repeat(5_000));
    expect(() => spacedText(deep)).not.toThrow();
    expect(spacedText(deep).length).toBeLessThan(2_000);
  });
});
