// The converter: curated plans → validated, deterministic RDF in build/ (and the check that build/ is current).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadInputs } from '../plan/index.ts';
import { buildDataset, type Dataset, type Manifest } from './dataset.ts';
import { hashInputs } from './inputs.ts';
import { checkCubeIntegrity } from './cube-integrity.ts';
import { formatViolations, validateShacl } from './shacl.ts';
import { BuildError, readVerifiedBuild, type VerifiedBuild } from './verify-build.ts';
import { writeBuild } from './write-build.ts';

export type { Dataset, Manifest, BuildFile, GraphInfo } from './dataset.ts';
export { MANIFEST } from './write-build.ts';
export { BuildError, readManifest, readVerifiedBuild, type VerifiedBuild } from './verify-build.ts';

/** An error's message for a person, without a stack: our errors name the file and the reason, and Node's file errors the path. */
export const describeError = (e: unknown): string => (e instanceof Error ? e.message : String(e));

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

/** The verified build when buildDir can be served as it is, else why not (missing, damaged or older than its inputs). */
const checkBuild = (opts: ConvertOptions, inputsHash: string): { build: VerifiedBuild } | { reason: string } => {
  try {
    const build = readVerifiedBuild(opts.buildDir);
    if (build.manifest.inputsHash === inputsHash) return { build };
    return { reason: `${opts.buildDir} is older than its inputs (data/, ontology/, the converter or BASE_IRI changed)` };
  } catch (e) {
    if (e instanceof BuildError) return { reason: e.message };
    throw e;
  }
};

/** True when buildDir is missing, damaged (a listed file missing or failing its sha256), or older than its inputs. */
export const isStale = (opts: ConvertOptions, inputsHash = hashInputs(opts.root, opts.baseIri)): boolean => 'reason' in checkBuild(opts, inputsHash);

/**
 * Converts only when build/ cannot be served as it is; returns the build as read and verified, so that the caller
 * does not read and hash it again. The inputs are hashed once. `onRebuild` hears why a rebuild is needed.
 */
export const ensureBuild = async (opts: ConvertOptions, onRebuild?: (reason: string) => void): Promise<VerifiedBuild> => {
  const inputsHash = hashInputs(opts.root, opts.baseIri);
  const checked = checkBuild(opts, inputsHash);
  if ('build' in checked) return checked.build;
  onRebuild?.(checked.reason);
  await convertAndWrite(opts, inputsHash);
  return readVerifiedBuild(opts.buildDir);
};
