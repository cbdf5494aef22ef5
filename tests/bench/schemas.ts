/**
 * npm run bench:schemas [-- --json FILE]
 *
 * The schema library for messages and records (docs/adr/0017), measured on our workload with each
 * candidate in the same run: valibot and zod/mini.
 * - Size: the content script's own checks (the ten requests a content script answers, with their
 *   words, and the check that turns a failure into words), bundled and minified alone, gzipped:
 *   what every page a user opens would carry.
 * - Speed: checking 10,000 stored highlights (as a backup import does), valid and with one field
 *   wrong, the fastest of 5 runs.
 * Figures, never assertions.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { runBenchmark, writeJsonIfAsked } from './bench-run';

const ROOT = resolve(import.meta.dirname, '../..');

const CONTENT_RULES = `
const COLORS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
const rules: Record<string, { payload: Schema; from: readonly string[] }> = {
  'page:info': { payload: object({}), from: ['extension'] },
  'selection:highlight': { payload: object({ color: optional(picklist(COLORS, 'must be one of yellow, green, blue, pink, purple')) }), from: ['extension'] },
  'highlight:reveal': { payload: object({ id: nonEmpty(100) }), from: ['extension'] },
  'article:get': { payload: object({}), from: ['extension'] },
  'article:save': { payload: object({}), from: ['extension'] },
  'article:state': { payload: object({}), from: ['extension'] },
  'reader:toggle': { payload: object({ open: optional(boolean('must be true or false')) }), from: ['extension'] },
  'highlights:anchored': { payload: object({}), from: ['extension'] },
  'ui:get': { payload: object({}), from: ['extension'] },
  'reader:get': { payload: object({}), from: ['extension'] },
};
export function parse(message: unknown, sender: string): string | null {
  if (typeof message !== 'object' || message === null || typeof (message as { type?: unknown }).type !== 'string') return 'Rejected: a message must be an object with a "type"';
  const type = (message as { type: string }).type;
  const rule = Object.hasOwn(rules, type) ? rules[type] : undefined;
  if (!rule) return \`Rejected: unknown message type "\${type}"\`;
  if (!rule.from.includes(sender)) return \`Rejected: "\${type}" is not accepted from a \${sender} context\`;
  return failure(rule.payload, message);
}
`;

const RECORD = `
const text = (max: number) => str(max);
const count = whole();
export const record = object({
  id: nonEmpty(100),
  url: url(),
  color: picklist(['yellow', 'green', 'blue', 'pink', 'purple'] as const, 'must be one of yellow, green, blue, pink, purple'),
  note: text(100000),
  target: object({
    quote: object({ type: literal('TextQuoteSelector'), exact: nonEmpty(100000), prefix: text(100000), suffix: text(100000) }),
    position: object({ type: literal('TextPositionSelector'), start: count, end: count }),
  }),
  tags: optional(array(nonEmpty(100), 100)),
  createdAt: count,
  updatedAt: count,
});
export const check = (value: unknown) => failure(record, value);
`;

const VALIBOT = `
import * as v from 'valibot';
type Schema = v.GenericSchema;
const object = (e: v.ObjectEntries) => v.object(e, 'must be an object');
const optional = v.optional;
const picklist = v.picklist;
const boolean = v.boolean;
const literal = (x: string) => v.literal(x, 'must be "' + x + '"');
const str = (max: number) => v.pipe(v.string('must be a string'), v.maxLength(max, 'is longer than ' + max + ' characters'));
const nonEmpty = (max: number) => v.pipe(v.string('must be a string'), v.maxLength(max, 'is longer than ' + max + ' characters'), v.minLength(1, 'must not be empty'));
const whole = () => v.pipe(v.number('must be a whole number ≥ 0'), v.safeInteger('must be a whole number ≥ 0'), v.minValue(0, 'must be a whole number ≥ 0'));
const url = () => v.pipe(v.string('must be a string'), v.regex(/^https?:\\/\\//i, 'must be an http(s) URL'));
const array = (item: Schema, max: number) => v.pipe(v.array(item, 'must be a list'), v.maxLength(max, 'has more than ' + max + ' items'));
function failure(schema: Schema, value: unknown): string | null {
  const r = v.safeParse(schema, value, { abortEarly: true });
  if (r.success) return null;
  const issue = r.issues[0];
  return (issue.path ?? []).map((p) => String(p.key)).join('.') + ' ' + issue.message;
}
`;

const ZOD = `
import * as z from 'zod/mini';
type Schema = z.ZodMiniType;
const object = (e: Record<string, Schema>) => z.object(e, 'must be an object');
const optional = z.optional;
const picklist = (values: readonly string[], message: string) => z.enum(values as [string, ...string[]], message);
const boolean = (message: string) => z.boolean(message);
const literal = (x: string) => z.literal(x, 'must be "' + x + '"');
const str = (max: number) => z.string('must be a string').check(z.maxLength(max, 'is longer than ' + max + ' characters'));
const nonEmpty = (max: number) => z.string('must be a string').check(z.maxLength(max, 'is longer than ' + max + ' characters'), z.minLength(1, 'must not be empty'));
const whole = () => z.number('must be a whole number ≥ 0').check(z.int('must be a whole number ≥ 0'), z.minimum(0, 'must be a whole number ≥ 0'));
const url = () => z.string('must be a string').check(z.regex(/^https?:\\/\\//i, 'must be an http(s) URL'));
const array = (item: Schema, max: number) => z.array(item, 'must be a list').check(z.maxLength(max, 'has more than ' + max + ' items'));
function failure(schema: Schema, value: unknown): string | null {
  const r = schema.safeParse(value);
  if (r.success) return null;
  const issue = r.error.issues[0]!;
  return issue.path.map(String).join('.') + ' ' + issue.message;
}
`;

const CANDIDATES = { valibot: VALIBOT, 'zod/mini': ZOD } as const;

async function bundle(
  source: string,
  dir: string,
  name: string,
): Promise<{ file: string; gzip: number; bytes: number }> {
  const entry = join(dir, `${name}.ts`);
  writeFileSync(entry, source);
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    nodePaths: [join(ROOT, 'node_modules')],
    logLevel: 'error',
  });
  const code = out.outputFiles[0]!.contents;
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, code);
  return { file, gzip: gzipSync(code, { level: 9 }).length, bytes: code.length };
}

function highlights(n: number, broken: boolean): unknown[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `b0000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    url: `https://site${i % 60}.example/story-${i}`,
    color: broken && i % 2 ? 'red' : 'yellow',
    note: i % 3 ? '' : 'a note about the passage and why it matters',
    target: {
      quote: {
        type: 'TextQuoteSelector',
        exact: `the quoted passage number ${i}`,
        prefix: 'before ',
        suffix: ' after',
      },
      position: { type: 'TextPositionSelector', start: i, end: i + 28 },
    },
    tags: i % 4 ? undefined : ['reading', 'later'],
    createdAt: 1_700_000_000_000 + i,
    updatedAt: 1_700_000_000_000 + i,
  }));
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'clearmark-schemas-'));
  try {
    const valid = highlights(10_000, false);
    const broken = highlights(10_000, true);
    const rows: { library: string; contentGzip: number; contentBytes: number; validMs: number; brokenMs: number }[] =
      [];
    for (const [library, base] of Object.entries(CANDIDATES)) {
      const content = await bundle(`${base}\n${CONTENT_RULES}`, dir, `content-${rows.length}`);
      const records = await bundle(`${base}\n${RECORD}`, dir, `records-${rows.length}`);
      const { check } = (await import(records.file)) as { check: (value: unknown) => string | null };
      const fastest = (values: unknown[]) => {
        let best = Infinity;
        for (let run = 0; run < 5; run++) {
          const start = performance.now();
          for (const value of values) check(value);
          best = Math.min(best, performance.now() - start);
        }
        return best;
      };
      if (check(valid[0]) !== null || check(broken[1]) === null)
        throw new Error(`${library}: the record check does not check`);
      rows.push({
        library,
        contentGzip: content.gzip,
        contentBytes: content.bytes,
        validMs: fastest(valid),
        brokenMs: fastest(broken),
      });
    }
    const base = rows[0]!;
    console.log("Schemas on our workload (the content script's checks; 10,000 highlights checked)");
    console.log(
      'library    content checks gzip   × valibot   10,000 valid ms   × valibot   10,000 half broken ms   × valibot',
    );
    for (const r of rows) {
      console.log(
        `${r.library.padEnd(10)} ${String(r.contentGzip).padStart(10)} B ${(r.contentGzip / base.contentGzip).toFixed(2).padStart(14)} ${r.validMs.toFixed(1).padStart(17)} ${(r.validMs / base.validMs).toFixed(2).padStart(11)} ${r.brokenMs.toFixed(1).padStart(23)} ${(r.brokenMs / base.brokenMs).toFixed(2).padStart(11)}`,
      );
    }
    writeJsonIfAsked({ rows });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

runBenchmark(main);
