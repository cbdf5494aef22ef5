/**
 * Where lazily loaded content-script files offer their modules: a name in the content script's
 * own world (an isolated world in Chrome, a sandbox in Firefox), which page scripts cannot see.
 * Kept apart from the loader so the lazily loaded files need no browser API to register.
 */
import type { HighlightsModule } from './highlights-session';
import type { ReaderModule } from './reader-controller';

export interface LazyModules {
  highlights: HighlightsModule;
  reader: ReaderModule;
}

/** Each lazily loaded file (an unlisted script of the build), by the name it registers under. */
export const LAZY_FILES: { [K in keyof LazyModules]: 'content-highlights.js' | 'content-reader.js' } = {
  highlights: 'content-highlights.js',
  reader: 'content-reader.js',
};

const key = (name: keyof LazyModules) => Symbol.for(`clearmark:${name}`);
type Registry = Partial<Record<symbol, unknown>>;

/** Called by a lazily loaded file to offer its module. */
export function registerModule<K extends keyof LazyModules>(name: K, module: LazyModules[K]): void {
  (globalThis as Registry)[key(name)] = module;
}

/** The module if it has loaded already, else null (never starts a load). */
export function loadedModule<K extends keyof LazyModules>(name: K): LazyModules[K] | null {
  return ((globalThis as Registry)[key(name)] as LazyModules[K] | undefined) ?? null;
}
