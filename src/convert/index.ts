// The converter: curated plans → validated, deterministic RDF in build/ (and the check that build/ is current).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadInputs } from '../plan/index.ts';
import { buildDataset, type Dataset, type Manifest } from './dataset.ts';
import { hashInputs } from './inputs.ts';
import { checkCubeIntegrity } from './cube-integrity.ts';
import { formatViolations, validateShacl } from './shacl.ts';
import { MANIFEST, writeBuild } from './write-build.ts';

export type { Dataset, Manifest, BuildFile, GraphInfo } from './dataset.ts';
export { MANIFEST } from './write-build.ts';

export interface ConvertOptions {
  readonly root: string;
  readonly baseIri: string;
  readonly buildDir: string;
}

/** Raised when the generated data does not conform to ontology/shapes.ttl or to the RDF Data Cube integrity constraints. */
export class ShapeViolationError extends Error {
  constructor(readonly count: number, report: string) {
    super(`the dataset does not conform to ontology/shapes.ttl and the RDF Data Cube integrity constraints (${count} violation(s)):\n${report}`);
    this.name = 'ShapeViolationError';
  }
}

/**
 * Loads, converts and validates everything; writes nothing. Throws InputError or ShapeViolationError.
 * `inputsHash` may be passed when the caller already computed it.
 */
export const convert = async (opts: Pick<ConvertOptions, 'root' | 'baseIri'>, inputsHash = hashInputs(opts.root, opts.baseIri)): Promise<Dataset> => {
  const inputs = loadInputs(opts.root);
  const ontology = readFileSync(join(opts.root, 'ontology/jpplan.ttl'), 'utf8');
  const dataset = await buildDataset(inputs, ontology, opts.baseIri, inputsHash);
  const violations = await validateShacl(dataset.quads, readFileSync(join(opts.root, 'ontology/shapes.ttl'), 'utf8'));
  violations.push(...checkCubeIntegrity(dataset.files.find((f) => f.path === 'dataset.nq')!.content));
  if (violations.length > 0) throw new ShapeViolationError(violations.length, formatViolations(violations));
  return dataset;
};

/** Converts and swaps the result into buildDir; the previous build stays untouched on any error. */
export const convertAndWrite = async (opts: ConvertOptions, inputsHash?: string): Promise<Manifest> => {
  const dataset = await convert(opts, inputsHash);
  writeBuild(opts.buildDir, dataset.files, dataset.manifest);
  return dataset.manifest;
};

const readManifest = (buildDir: string): Manifest | undefined => {
  const path = join(buildDir, MANIFEST);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Manifest) : undefined;
};

/** True when buildDir is missing, incomplete, or older than its inputs (the base IRI is one of them). */
export const isStale = (opts: ConvertOptions, inputsHash = hashInputs(opts.root, opts.baseIri)): boolean =>
  readManifest(opts.buildDir)?.inputsHash !== inputsHash;

/** Converts only when build/ is stale; returns the current manifest. The inputs are hashed once. */
export const ensureBuild = async (opts: ConvertOptions): Promise<Manifest> => {
  const inputsHash = hashInputs(opts.root, opts.baseIri);
  const current = readManifest(opts.buildDir);
  return current?.inputsHash === inputsHash ? current : convertAndWrite(opts, inputsHash);
};
