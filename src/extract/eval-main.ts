// Prints the extractor's scores on the curated plans (npm run extract:eval).
import { loadConfig } from '../config.ts';
import { loadInputs } from '../plan/index.ts';
import { evaluate, formatTable } from './eval.ts';

try {
  const { plans } = loadInputs(loadConfig().root);
  console.log(formatTable(evaluate(plans)));
} catch (e) {
  console.error(`extract:eval failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
