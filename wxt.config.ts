import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

/** The Firefox add-on id; the real-browser tests pin its internal UUID through it. */
export const GECKO_ID = 'clearmark@clearmark.app';

// Minimum versions follow the newest web API we rely on: the CSS Custom Highlight API
// (Chrome 105, Firefox 140). Firefox also needs 140 for `data_collection_permissions`.
export default defineConfig({
  publicDir: 'assets/public',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: 'Clearmark',
    description: 'Read articles without the clutter, highlight what matters, and keep it.',
    // unlimitedStorage: years of notes must never be evicted or hit a small quota.
    // contextMenus: the "Highlight selection" item.
    permissions: ['unlimitedStorage', 'contextMenus'],
    commands: {
      'highlight-selection': {
        suggested_key: { default: 'Alt+Shift+H' },
        description: 'Highlight the selected text',
      },
      'toggle-reader': {
        suggested_key: { default: 'Alt+Shift+R' },
        description: 'Open or close the reader view',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android reads data_collection_permissions from 142 on.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : { minimum_chrome_version: '105' }),
  }),
});
