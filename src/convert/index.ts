// The converter: curated plans → validated, deterministic RDF in build/ (and the check that build/ is current).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadInputs } from '../plan/index.ts';
import { buildDataset, type Dataset, type Manifest } from './dataset.ts';
import { hashInputs } from './inputs.ts';
import { formatViolations, validateShacl } from './shacl.ts';
import { MANIFEST, writeBuild } from './write-build.ts';

export type { Dataset, Manifest, BuildFile, GraphInfo } from './dataset.ts';
export { MANIFEST } from './write-build.ts';

export interface ConvertOptions {
  readonly root: string;
  readonly baseIri: string;
  readonly buildDir: string;
}

/** Raised when the generated data does not conform to ontology/shapes.ttl. */
export class ShapeViolationError extends Error {
  constructor(readonly count: number, report: string) {
    super(`the dataset does not conform to ontology/shapes.ttl (${count} violation(s)):\n${report}`);
    this.name = 'ShapeViolationError';
  }
}

/** Loads, converts and validates everything; writes nothing. Throws InputError or ShapeViolationError. */
export const convert = async (opts: ConvertOptions): Promise<Dataset> => {
  const inputs = loadInputs(opts.root);
  const ontology = readFileSync(join(opts.root, 'ontology/jpplan.ttl'), 'utf8');
  const dataset = await buildDataset(inputs, ontology, opts.baseIri, hashInputs(opts.root, opts.baseIri));
  const violations = await validateShacl(dataset.quads, readFileSync(join(opts.root, 'ontology/shapes.ttl'), 'utf8'));
  if (violations.length > 0) throw new ShapeViolationError(violations.length, formatViolations(violations));
  return dataset;
};

/** Converts and swaps the result into buildDir; the previous build stays untouched on any error. */
export const convertAndWrite = async (opts: ConvertOptions): Promise<Manifest> => {
  const dataset = await convert(opts);
  writeBuild(opts.buildDir, dataset.files, dataset.manifest);
  return dataset.manifest;
};

export const readManifest = (buildDir: string): Manifest | undefined => {
  const path = join(buildDir, MANIFEST);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Manifest) : undefined;
};

/** True when buildDir is missing, incomplete, built for another base IRI, or older than its inputs. */
export const isStale = (opts: ConvertOptions): boolean => {
  const manifest = readManifest(opts.buildDir);
  return !manifest || manifest.baseIri !== opts.baseIri || manifest.inputsHash !== hashInputs(opts.root, opts.baseIri);
};

/** Converts only when build/ is stale; returns the current manifest. */
export const ensureBuild = async (opts: ConvertOptions): Promise<Manifest> =>
  isStale(opts) ? convertAndWrite(opts) : readManifest(opts.buildDir)!;
