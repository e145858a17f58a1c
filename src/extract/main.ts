// `npm run extract -- <file.pdf|file.txt> --code <code> [--out <dir>] [--name <name>]`: drafts a plan file; errors are one line.
import { loadConfig } from '../config.ts';
import { ExtractError } from './errors.ts';
import { extract } from './extract.ts';

const args = process.argv.slice(2);
const option = (flag: string) => {
  const at = args.indexOf(flag);
  return at >= 0 ? args[at + 1] : undefined;
};
const positional = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
const usage = 'usage: npm run extract -- <file.pdf|file.txt> --code <6-digit code> [--out <dir>] [--name <name>]';

if (positional.length !== 1 || option('--code') === undefined) {
  console.error(`extract failed: ${usage}`);
  process.exit(2);
}
try {
  const r = await extract({ root: loadConfig().root, input: positional[0]!, code: option('--code')!, out: option('--out'), name: option('--name') });
  console.log(`drafted ${r.elements} elements (${r.unplaced} lines not placed)\n  ${r.sourcePath}\n  ${r.planPath}\n  ${r.sidecarPath}`);
} catch (e) {
  // Bad input is named with its reason on one line; anything else is a bug and keeps its stack.
  if (!(e instanceof ExtractError)) throw e;
  console.error(`extract failed: ${e.message}`);
  process.exit(1);
}
