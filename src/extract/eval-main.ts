// Prints the extractor's scores on the curated plans, or with --fixtures on the test fixtures that have an expectation file (npm run extract:eval).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config.ts';
import { loadInputs } from '../plan/index.ts';
import { evaluate, evaluateCases, formatTable, type EvalCase } from './eval.ts';
import type { Comparable } from './score.ts';

/** Fixtures written in styles the curated plans do not have; each `<name>.expected.json` lists the elements a curator would draft. */
const fixtureCases = (dir: string): EvalCase[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.expected.json'))
    .sort()
    .map((f) => {
      const name = f.replace(/\.expected\.json$/, '.txt');
      return { file: name, text: readFileSync(join(dir, name), 'utf8'), gold: JSON.parse(readFileSync(join(dir, f), 'utf8')) as Comparable[] };
    });

try {
  const root = loadConfig().root;
  if (process.argv.includes('--fixtures')) console.log(formatTable(evaluateCases(fixtureCases(join(root, 'tests/extract/fixtures')))));
  else console.log(formatTable(evaluate(loadInputs(root).plans)));
} catch (e) {
  console.error(`extract:eval failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
