// Writes a synthetic dataset of N bodies into a folder (plans/, sources/), replacing what the folder held.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { generateBody } from './generate.ts';

export { generateBody } from './generate.ts';

export interface SynthOptions {
  readonly bodies: number;
  readonly seed: string;
}

/** Writes every body's files under `out`; refuses a folder that holds anything but an earlier synthetic set. */
export const writeSynthetic = (out: string, opts: SynthOptions): number => {
  if (resolve(out).split('/').includes('data')) throw new Error(`${out}: synthetic data never goes under data/`);
  if (existsSync(out) && readdirSync(out).some((n) => n !== 'plans' && n !== 'sources'))
    throw new Error(`${out} holds files other than plans/ and sources/; not overwriting it`);
  for (const sub of ['plans', 'sources']) rmSync(join(out, sub), { recursive: true, force: true });
  let count = 0;
  for (let i = 0; i < opts.bodies; i++)
    for (const [path, text] of generateBody(opts.seed, i).files) {
      const full = join(out, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, text);
      count++;
    }
  return count;
};
