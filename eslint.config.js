// Lint rules for all TypeScript in the project: typed rules for the extension and tests, plus
// two project rules: no raw HTML insertion in the extension, and no `browser.*` in the engines.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Insert page text as text, or sanitize it with DOMPurify in one place.' },
        { property: 'outerHTML', message: 'Insert page text as text, or sanitize it with DOMPurify in one place.' },
        { property: 'insertAdjacentHTML', message: 'Insert page text as text, or sanitize it with DOMPurify in one place.' },
      ],
    },
  },
  {
    // Engines stay pure: they take a Document, a Range or data, and never reach for the browser.
    files: ['utils/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'wxt/browser', message: 'utils/ holds pure engines: no browser APIs.' }] }],
      'no-restricted-globals': ['error', { name: 'browser', message: 'utils/ holds pure engines: no browser APIs.' }, { name: 'chrome', message: 'utils/ holds pure engines: no browser APIs.' }],
    },
  },
  {
    // Tests build fixture DOMs from markup on purpose.
    files: ['tests/**/*.{ts,tsx}'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
