// `npm run synth -- --bodies N --seed S [--out synth]`: writes the synthetic national dataset (plan files and source
// texts of N made-up bodies) into a folder that is never the real data/.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeSynthetic } from './index.ts';

try {
  const { values } = parseArgs({ options: { bodies: { type: 'string', default: '1788' }, seed: { type: 'string', default: '1' }, out: { type: 'string', default: 'synth' } } });
  const bodies = Number(values.bodies);
  if (!Number.isInteger(bodies) || bodies < 1 || bodies > 10000) throw new Error(`--bodies must be an integer from 1 to 10000, got "${values.bodies}"`);
  const out = resolve(values.out);
  const files = writeSynthetic(out, { bodies, seed: values.seed });
  console.log(`wrote ${files} files for ${bodies} synthetic bodies (seed ${values.seed}) into ${out}; build them with SYNTHETIC=true SYNTH_DIR=${values.out} npm run convert`);
} catch (e) {
  console.error(`synth failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
