// The mix of cases: case i of a run is drawn from its own PRNG stream (seed, i), so it is the same in every run.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FuzzCase, FuzzContext } from './cases.ts';
import { headerCase, pathCase } from './http-cases.ts';
import { Rng } from './prng.ts';
import { sparqlCase } from './sparql-cases.ts';

export const readQueries = (root: string): FuzzContext['queries'] =>
  readdirSync(join(root, 'queries'))
    .filter((f) => f.endsWith('.rq'))
    .sort()
    .map((file) => ({ file, text: readFileSync(join(root, 'queries', file), 'utf8') }));

export const caseAt = (seed: number, index: number, ctx: FuzzContext): FuzzCase => {
  const rng = new Rng(seed, index);
  const draft = rng.weighted([
    [60, () => sparqlCase(rng, ctx)],
    [25, () => pathCase(rng)],
    [15, () => headerCase(rng)],
  ] as const)();
  return { index, ...draft };
};
