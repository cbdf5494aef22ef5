/** Waiting for a file the browser downloads to land on disk, complete. */
import { existsSync, readFileSync } from 'node:fs';

export async function waitForFile(path: string, timeoutMs = 10_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (existsSync(path)) {
      const text = readFileSync(path, 'utf8');
      if (text) return text;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${path} was never saved`);
}
