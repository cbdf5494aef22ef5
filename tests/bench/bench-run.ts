/** How every benchmark ends: its figures written as JSON when `--json FILE` is given, and a failure as exit code 1. */
import { writeFileSync } from 'node:fs';

export function writeJsonIfAsked(result: object, argv: string[] = process.argv): void {
  const at = argv.indexOf('--json');
  const file = at === -1 ? undefined : argv[at + 1];
  if (file) writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
}

export function runBenchmark(main: () => Promise<void>): void {
  void main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
