/** Opens a fixture page from tests/fixtures in its own happy-dom window (scripts off). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Window } from 'happy-dom';

export function openFixture(path: string, url = `http://127.0.0.1/${path}`): Document {
  const html = readFileSync(resolve(import.meta.dirname, '../fixtures', path), 'utf8');
  return openHtml(html, url);
}

export function openHtml(html: string, url = 'http://127.0.0.1/page'): Document {
  const window = new Window({
    url,
    width: 1280,
    height: 800,
    // The page's scripts never run and its style sheets are never fetched (both off by default; said here so it stays so).
    settings: { enableJavaScriptEvaluation: false, enableCSSFileLoading: false },
  });
  window.document.write(html);
  return window.document as unknown as Document;
}
