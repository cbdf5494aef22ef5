/**
 * The content script runs on every page a user opens, so what it loads at document_start is
 * kept small (see docs/adr/0005): highlighting (toolbar, card, anchoring, painting) and the
 * reader view (extraction, sanitizer) are separate files, imported the first time they are
 * needed. Each registers what it offers under a name in the content script's own world, which
 * page scripts cannot see; Chrome serves the files only under a per-session address
 * (`use_dynamic_url`), Firefox only to the extension itself, so a page cannot probe for them.
 */
import { browser } from 'wxt/browser';
import { LAZY_FILES, loadedModule, type LazyModules } from './lazy-registry';

const loading = new Map<keyof LazyModules, Promise<unknown>>();

/** Loads a module once; later calls answer the same promise. */
export function loadModule<K extends keyof LazyModules>(name: K): Promise<LazyModules[K]> {
  let promise = loading.get(name);
  if (!promise) {
    promise = import(/* @vite-ignore */ browser.runtime.getURL(`/${LAZY_FILES[name]}`)).then(() => {
      const module = loadedModule(name);
      if (!module) throw new Error(`Clearmark’s ${name} module did not load`);
      return module;
    });
    promise.catch(() => loading.delete(name));
    loading.set(name, promise);
  }
  return promise as Promise<LazyModules[K]>;
}
