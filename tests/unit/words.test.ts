// @vitest-environment node
/**
 * Ten languages, kept complete: every catalog under _locales has every English key (each plural
 * in every form its language needs, by Intl's plural rules), with the same {placeholders}, and no
 * component or user-facing message is written as a literal string in code.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const LOCALES = join(ROOT, 'assets/public/_locales');
const LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'pt_BR', 'ja', 'zh_CN', 'ar', 'ru'];
const PLURAL = /_(zero|one|two|few|many|other)$/;

type Catalog = Record<string, { message: string }>;
const catalog = (lang: string): Catalog =>
  JSON.parse(readFileSync(join(LOCALES, lang, 'messages.json'), 'utf8')) as Catalog;
const placeholders = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the catalogs', () => {
  const en = catalog('en');
  const singles = Object.keys(en).filter((k) => !PLURAL.test(k));
  const plurals = [
    ...new Set(
      Object.keys(en)
        .filter((k) => PLURAL.test(k))
        .map((k) => k.replace(PLURAL, '')),
    ),
  ];

  it('name each message once, whatever the case (Chrome reads message names without case: backUp and backup are one)', () => {
    const lower = Object.keys(en).map((k) => k.toLowerCase());
    expect(lower.filter((k, i) => lower.indexOf(k) !== i)).toEqual([]);
  });

  it('are the ten languages, and no other', () => {
    expect(readdirSync(LOCALES).sort()).toEqual([...LANGUAGES].sort());
  });

  it.each(LANGUAGES)(
    '%s has every key, each plural in every form the language uses, with the same placeholders',
    (lang) => {
      const words = catalog(lang);
      const forms = new Intl.PluralRules(lang.replace('_', '-')).resolvedOptions().pluralCategories;
      const missing = [
        ...singles.filter((k) => !words[k]?.message),
        ...plurals.flatMap((base) => forms.map((form) => `${base}_${form}`)).filter((k) => !words[k]?.message),
      ];
      expect(missing).toEqual([]);
      const expected = new Set([...singles, ...plurals.flatMap((base) => forms.map((form) => `${base}_${form}`))]);
      expect(Object.keys(words).filter((k) => !expected.has(k))).toEqual([]);
      const wrong = Object.entries(words).filter(([key, { message }]) => {
        const english = en[key] ?? en[key.replace(PLURAL, '_other')];
        // A plural form may leave the number out ("Show it"), never add a placeholder English lacks.
        const want = placeholders(english!.message).filter((p) => !(PLURAL.test(key) && p === 'count'));
        const have = placeholders(message).filter((p) => !(PLURAL.test(key) && p === 'count'));
        return want.join() !== have.join();
      });
      expect(wrong.map(([key]) => key)).toEqual([]);
    },
  );

  it('holds only keys the code uses', () => {
    const code =
      sourceFiles(ROOT, ['components', 'utils', 'entrypoints'])
        .map((f) => readFileSync(f, 'utf8'))
        .join('\n') + readFileSync(join(ROOT, 'wxt.config.ts'), 'utf8');
    const used = (key: string) =>
      code.includes(`'${key}'`) || code.includes(`__MSG_${key}__`) || key.startsWith('color_');
    expect(singles.filter((k) => !used(k))).toEqual([]);
    expect(plurals.filter((k) => !used(k))).toEqual([]);
  });
});

/**
 * Where the words a person sees are made (the engines through utils/engines/engine-words.ts). The
 * protocol's payload checks (utils/shared) stay as the file names them: a damaged backup's message
 * is in the user's words, the field and the failed check it quotes ("highlights[4].color must be
 * one of …") are not.
 */
const UI_FOLDERS = [
  'components',
  'utils/pages',
  'utils/content',
  'utils/background',
  'utils/i18n',
  'utils/engines',
  'entrypoints',
];
function sourceFiles(dir = ROOT, folders = UI_FOLDERS): string[] {
  return folders.flatMap((folder) => walk(join(dir, folder)));
}
function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Strings that are not words in any language: key names, units, glyphs. */
const NOT_WORDS = new Set(['Alt+Shift+H', 'Alt+Shift+R', 'Alt+Shift+S', 'Aa', 'A−', 'A+', 'px', 'Clearmark']);
const looksLikeWords = (text: string) =>
  /\p{L}{2,}/u.test(text) &&
  !NOT_WORDS.has(text.trim()) &&
  // Codes ('invalid-file') and message keys ('fileNotText') are names, not words.
  !/^[a-z]+(-[a-z]+)*$/.test(text) &&
  !/^[a-z]+([A-Z][a-z0-9]*)+$/.test(text) &&
  !/^https?:\/\/\S+$/.test(text.trim());
/** Attributes people read or hear. */
const SHOWN_ATTRIBUTES = new Set([
  'title',
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'placeholder',
  'alt',
  'label',
  'text',
]);
/** Calls whose string argument reaches a person: notices, failures, errors. */
const SHOWN_CALLS = new Set([
  'fail',
  'problem',
  'done',
  'show',
  'say',
  'setMessage',
  'setError',
  'setStatus',
  'setFileProblem',
  'setSaid',
  'showProblem',
  'CodedError',
  'SyncError',
]);

/** The visible words written as literals in a source file, as "line: text". */
function literalWords(file: string): string[] {
  const source = ts.createSourceFile(
    file,
    readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const found: string[] = [];
  const report = (node: ts.Node, text: string) =>
    found.push(`${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${text.trim()}`);
  const stringsIn = (node: ts.Node): ts.Node[] =>
    ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)
      ? [node]
      : ts.isConditionalExpression(node)
        ? [...stringsIn(node.whenTrue), ...stringsIn(node.whenFalse)]
        : ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken
          ? [...stringsIn(node.left), ...stringsIn(node.right)]
          : ts.isParenthesizedExpression(node) || ts.isJsxExpression(node)
            ? node.expression
              ? stringsIn(node.expression)
              : []
            : [];
  const textOf = (node: ts.Node) =>
    ts.isTemplateExpression(node)
      ? [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ')
      : (node as ts.StringLiteral).text;
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && looksLikeWords(node.text)) report(node, node.text);
    if (ts.isJsxAttribute(node) && node.initializer && SHOWN_ATTRIBUTES.has(node.name.getText())) {
      for (const s of stringsIn(node.initializer)) if (looksLikeWords(textOf(s))) report(s, textOf(s));
    }
    if (ts.isJsxExpression(node) && node.expression && ts.isJsxElement(node.parent)) {
      for (const s of stringsIn(node.expression)) if (looksLikeWords(textOf(s))) report(s, textOf(s));
    }
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments) {
      const callee = node.expression;
      const name = ts.isIdentifier(callee)
        ? callee.text
        : ts.isPropertyAccessExpression(callee)
          ? callee.name.text
          : '';
      if (SHOWN_CALLS.has(name))
        for (const arg of node.arguments)
          for (const s of stringsIn(arg)) if (looksLikeWords(textOf(s))) report(s, textOf(s));
    }
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(node.left) &&
      node.left.name.text === 'textContent'
    ) {
      for (const s of stringsIn(node.right)) if (looksLikeWords(textOf(s))) report(s, textOf(s));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('no words written in code', () => {
  it('finds a hard-coded word in a component (the check checks something)', () => {
    const probe = join(ROOT, 'tests/fixtures/words/HardCoded.tsx');
    expect(literalWords(probe)).toEqual([
      '5: Save for later',
      '6: Close the reader',
      '7: Nothing to save here.',
      '8: Checking…',
    ]);
  });

  it.each(sourceFiles().map((f) => relative(ROOT, f)))('%s shows no literal words', (file) => {
    expect(literalWords(join(ROOT, file))).toEqual([]);
  });
});
