// Lint rules for all TypeScript in the project: typed rules for the extension and tests, no raw
// HTML insertion in the extension, and the zones that keep code where it runs (see docs/adr/0001).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** An import of any of these folders, by alias or by a relative path (which names only the folder's last part). */
const folders = (...names) => [
  ...new Set(names.flatMap((name) => [`@/${name}/**`, `@/${name}`, `**/${name.split('/').pop()}/**`])),
];

const NO_BROWSER = 'Engines and shared code are pure: they take a Document, a Range or data, never a browser API.';
const zone = (files, message, ...forbidden) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: [{ group: folders(...forbidden), message }] }],
  },
});

/**
 * typescript-eslint's strict type-checked set, with the options this code base chose (each with its reason).
 * Floating and misused promises are in the set: a promise nobody awaits or hands on is a lost error (ADR 0007's
 * notices are `void`ed on purpose).
 */
const strictOptions = {
  // A number in a template literal is written as a person reads it; everything else must be a string.
  '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
  // `() => setOpen(false)` in a handler returns nothing anyone reads; a void value anywhere else is still an error.
  '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
  // A promise returned inside `try` is awaited there, so its failure meets the `catch` and `finally` written for it.
  '@typescript-eslint/return-await': ['error', 'in-try-catch'],
};

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked.map((config) => ({ ...config, files: ['**/*.{ts,tsx}'] })),
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      ...strictOptions,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Insert page text as text, or sanitize it with DOMPurify in one place.' },
        { property: 'outerHTML', message: 'Insert page text as text, or sanitize it with DOMPurify in one place.' },
        {
          property: 'insertAdjacentHTML',
          message: 'Insert page text as text, or sanitize it with DOMPurify in one place.',
        },
      ],
    },
  },
  // Where code runs decides what it may import.
  zone(
    ['components/shared/**/*.{ts,tsx}'],
    'Shared components render in web pages and extension pages alike: they take data and callbacks, never a context’s modules.',
    'utils/content',
    'utils/background',
    'utils/pages',
    'components/in-page',
    'components/pages',
    'entrypoints',
  ),
  {
    // Engines and shared code: pure, no browser API, nothing of any context.
    files: ['utils/engines/**/*.ts', 'utils/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'wxt/browser', message: NO_BROWSER }],
          patterns: [
            {
              group: [
                ...folders(
                  'utils/content',
                  'utils/background',
                  'utils/pages',
                  'utils/i18n',
                  'components',
                  'entrypoints',
                ),
                'wxt/utils/*',
              ],
              message: NO_BROWSER,
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'browser', message: NO_BROWSER },
        { name: 'chrome', message: NO_BROWSER },
      ],
    },
  },
  zone(
    ['utils/i18n/**/*.ts'],
    'The words module runs in every context: it reads only the browser’s i18n API and the shared model.',
    'utils/content',
    'utils/background',
    'utils/pages',
    'components',
    'entrypoints',
  ),
  zone(
    [
      'utils/content/**/*.{ts,tsx}',
      'components/in-page/**/*.{ts,tsx}',
      'entrypoints/content/**/*.ts',
      'entrypoints/content-*.ts',
    ],
    'Content-side code runs in web pages: it reaches storage only through messages to the background, and never uses extension-page code.',
    'utils/background',
    'utils/pages',
    'components/pages',
  ),
  zone(
    ['utils/background/**/*.ts', 'entrypoints/background.ts'],
    'Background code owns storage and requests: it never uses content-side or extension-page code.',
    'utils/content',
    'utils/pages',
    'components',
  ),
  {
    // Extension pages may read storage (same origin, read-only by convention) but never load the content script's modules.
    files: [
      'utils/pages/**/*.{ts,tsx}',
      'components/pages/**/*.{ts,tsx}',
      'entrypoints/popup/**/*.{ts,tsx}',
      'entrypoints/library/**/*.{ts,tsx}',
      'entrypoints/reader/**/*.{ts,tsx}',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: folders('utils/content', 'components/in-page', 'entrypoints/content'),
              message: 'Extension pages never load the content script’s modules: ask the tab through the protocol.',
            },
            {
              group: ['@/utils/background/requests', '**/background/requests'],
              message: 'Extension pages ask the background through the protocol.',
            },
          ],
        },
      ],
    },
  },
  {
    // The extraction walk and the text index read parallel arrays by indexes the loop itself bounds; with
    // `noUncheckedIndexedAccess` each read is `T | undefined`, and a check on each would cost the hot loop.
    files: ['utils/engines/extraction/detect-article.ts', 'utils/engines/anchoring/text-index.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // Tests build fixture DOMs from markup on purpose; a `!` that meets nothing fails the test, as it should;
    // a fake of an async interface is written `async`, like the code it stands in for; and Vitest types its
    // matchers inside an expected value (`expect.any(Number)`, `expect.stringMatching(…)`) as `any`.
    files: ['tests/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-properties': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
);
