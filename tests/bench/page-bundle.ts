/** Bundles a bit of source (Clearmark's engines, a peer library) into one script a benchmark evaluates in a page. */
import { resolve } from 'node:path';
import { build } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '../..');

/** `contents` bundled for the browser as an IIFE that sets `window[globalName]` to its exports. */
export async function bundle(contents: string, globalName: string): Promise<string> {
  const result = await build({
    stdin: { contents, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    format: 'iife',
    globalName,
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
