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

/** The bytes of a binary file the browser downloads (a zip), once it is on disk and complete. */
export async function waitForBytes(path: string, timeoutMs = 10_000): Promise<Uint8Array> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (existsSync(path)) {
      const bytes = readFileSync(path);
      // A zip is complete once its end-of-central-directory record is there.
      if (bytes.length >= 22 && bytes.subarray(-22).readUInt32LE(0) === 0x06054b50) return new Uint8Array(bytes);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${path} was never saved`);
}
