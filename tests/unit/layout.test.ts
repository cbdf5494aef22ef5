// @vitest-environment node
/**
 * The layout is a rule, so it is tested: folders say where code runs, the lint zones that keep
 * them so really fail on a forbidden import (a check that checks nothing would pass silently),
 * and no module imports itself back through others.
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SOURCE_FOLDERS = ['utils', 'components', 'entrypoints'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

function resolveImport(from: string, spec: string): string | null {
  const base = spec.startsWith('@/')
    ? join(ROOT, spec.slice(2))
    : spec.startsWith('.')
      ? resolve(dirname(from), spec)
      : null;
  if (!base) return null;
  for (const ending of ['', '.ts', '.tsx', '/index.ts', '/index.tsx']) {
    const path = base + ending;
    if (existsSync(path) && statSync(path).isFile() && /\.tsx?$/.test(path)) return path;
  }
  return null;
}

describe('layout', () => {
  const files = SOURCE_FOLDERS.flatMap((folder) => sourceFiles(join(ROOT, folder)));

  it('has no import cycles', () => {
    const graph = new Map<string, string[]>();
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const specs = [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s*'([^']+)'/gm)].map((m) => m[1]!);
      graph.set(
        file,
        specs.map((s) => resolveImport(file, s)).filter((p): p is string => p !== null),
      );
    }
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(ROOT, f)).join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it('puts every module in a folder that says where it runs', () => {
    const allowed =
      /^(utils\/(shared|engines|content|background|pages|i18n)\/|components\/(in-page|pages|shared)\/|entrypoints\/)/;
    expect(files.map((f) => relative(ROOT, f)).filter((f) => !allowed.test(f))).toEqual([]);
  });

  // Each forbidden import, written where it is forbidden, must fail the lint.
  // The files below exist only as text given to the linter: no TypeScript project holds them, so the typed
  // rules (which need one) are off here; the import zones under test need no types.
  const eslint = new ESLint({
    cwd: ROOT,
    overrideConfig: { ...tseslint.configs.disableTypeChecked, files: ['**/*.{ts,tsx}'] },
  });
  const violations: [string, string][] = [
    ['utils/engines/anchoring/probe.ts', "import { browser } from 'wxt/browser';\nexport const x = browser;\n"],
    [
      'utils/engines/extraction/probe.ts',
      "import { Library } from '@/utils/background/storage';\nexport const x = Library;\n",
    ],
    [
      'utils/shared/probe.ts',
      "import { PageHighlights } from '../content/page-highlights';\nexport const x = PageHighlights;\n",
    ],
    ['utils/engines/export/probe.ts', "import { t } from '@/utils/i18n/words';\nexport const x = t;\n"],
    ['utils/i18n/probe.ts', "import { Library } from '@/utils/background/storage';\nexport const x = Library;\n"],
    ['utils/content/probe.ts', "import { Library } from '@/utils/background/storage';\nexport const x = Library;\n"],
    [
      'components/in-page/probe.ts',
      "import { Library } from '../../utils/background/storage';\nexport const x = Library;\n",
    ],
    [
      'utils/background/probe.ts',
      "import { PageHighlights } from '@/utils/content/page-highlights';\nexport const x = PageHighlights;\n",
    ],
    [
      'components/pages/probe.ts',
      "import { PageHighlights } from '@/utils/content/page-highlights';\nexport const x = PageHighlights;\n",
    ],
    [
      'entrypoints/popup/probe.ts',
      "import { installPrivateInputGuard } from '@/components/in-page/private-input-guard';\nexport const x = installPrivateInputGuard;\n",
    ],
    [
      'entrypoints/reader/probe.ts',
      "import { PageHighlights } from '@/utils/content/page-highlights';\nexport const x = PageHighlights;\n",
    ],
    [
      'components/shared/probe.ts',
      "import { PageHighlights } from '@/utils/content/page-highlights';\nexport const x = PageHighlights;\n",
    ],
  ];
  it.each(violations)(
    'fails the lint for a forbidden import in %s',
    async (filePath, code) => {
      const [result] = await eslint.lintText(code, { filePath: join(ROOT, filePath) });
      expect(result!.messages.map((m) => m.ruleId)).toContain('no-restricted-imports');
    },
    60_000,
  );

  it('lets engines import engines and shared code', async () => {
    const [result] = await eslint.lintText(
      "import { TextIndex } from './text-index';\nimport { ok } from '@/utils/shared/result';\nexport const x = [TextIndex, ok];\n",
      {
        filePath: join(ROOT, 'utils/engines/anchoring/probe.ts'),
      },
    );
    expect(result!.messages.filter((m) => m.ruleId === 'no-restricted-imports')).toEqual([]);
  }, 60_000);
});
