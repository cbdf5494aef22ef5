/** Sentences of real news pages (the test fixtures' corpus), to make benchmark articles read like articles. */
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

export function corpusSentences(): string[] {
  const dir = resolve(import.meta.dirname, '../fixtures/corpus');
  const sentences: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.html.gz'))) {
    const html = gunzipSync(readFileSync(resolve(dir, file))).toString('utf8');
    const text = html
      .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&[a-z#0-9]+;/gi, ' ')
      .replace(/\s+/g, ' ');
    for (const s of text.split(/(?<=[.!?])\s+/))
      if (s.split(' ').length >= 8 && s.split(' ').length <= 60) sentences.push(s.trim());
  }
  return sentences;
}
