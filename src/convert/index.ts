// The converter: curated plans → validated, deterministic RDF in build/ (and the check that build/ is current).
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { loadInputs, REAL_LAYOUT, type InputLayout, type Inputs } from '../plan/index.ts';
import { buildInto, checkPlans, ShapeViolationError, type BuildOptions, type BuildReport } from './build.ts';
import type { Quad } from 'n3';
import { iris } from '../rdf/uris.ts';
import { buildDataset, type BuildFile, type Dataset, type Manifest } from './dataset.ts';
import { pagesPiece, planDescribedPaths, readLicense, readSitemapFacts, stringLines, wholeDescribedPaths, writeSitemap } from './sitemap-file.ts';
import { hashInputs } from './inputs.ts';
import { searchBuildFile } from './search-file.ts';
import { pathsBuildFile } from './paths-file.ts';
import { checkCubeIntegrity } from './cube-integrity.ts';
import { formatViolations, validateShacl } from './shacl.ts';
import { BuildError, readVerifiedBuild, type VerifiedBuild } from './verify-build.ts';
import { clearAbandonedBuilds, swapInBuild } from './write-build.ts';

export type { Dataset, Manifest, BuildFile, GraphInfo } from './dataset.ts';
export { abandonBuild, MANIFEST } from './write-build.ts';
export { processRunning } from './abandoned.ts';
export { BuildError, checkBuildFile, listedFile, readManifest, readVerifiedBuild, type VerifiedBuild } from './verify-build.ts';
export { ShapeViolationError, type BuildReport } from './build.ts';
export { SEARCH_FILE } from './search-file.ts';
export { openPathsFile, PATHS_FILE, type DocumentPaths } from './paths-file.ts';
export { DOCUMENTS_FILE, openDocumentRows, type DocumentRows, type SliceRows } from './document-rows.ts';
export { INBOUND_CAP, isSliceFile, SUMMARY_FILE, truncationOf, type SiteSummary } from './slice-files.ts';
export { datasetFactsOf, EXAMPLE_CLASSES, FACTS_FILE, LINK_COUNTS, type DatasetFacts, type GraphFacts, type LinksetName } from './dataset-facts.ts';
export { startThread } from './start-thread.ts';
export { SITEMAP_INDEX, SITEMAP_PART, sitemapPart } from './sitemap-file.ts';

/** An error's message for a person, without a stack: our errors name the file and the reason, and Node's file errors the path. */
export const describeError = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export interface ConvertOptions {
  readonly root: string;
  readonly baseIri: string;
  readonly buildDir: string;
  /** A synthetic build (plans marked synthetic, codes 9xxxxx; its manifest says so). Default: false. */
  readonly synthetic?: boolean;
  /** Plan files and source texts (relative to root); default data/plans and data/sources. */
  readonly plansDir?: string;
  readonly sourcesDir?: string;
  /** Worker threads converting plans; default os.availableParallelism(). */
  readonly convertWorkers?: number;
  /** The per-plan cache; default <root>/.cache/convert. */
  readonly cacheDir?: string;
  /** URLs per sitemap part; default the protocol's 50,000 (tests make it small). */
  readonly sitemapMaxUrls?: number;
}

const layoutOf = (opts: Omit<ConvertOptions, 'buildDir'>): InputLayout => ({
  plansDir: opts.plansDir ?? REAL_LAYOUT.plansDir,
  sourcesDir: opts.sourcesDir ?? REAL_LAYOUT.sourcesDir,
  synthetic: opts.synthetic ?? false,
});

const cacheDirOf = (opts: Omit<ConvertOptions, 'buildDir'>): string => opts.cacheDir ?? join(opts.root, '.cache/convert');

/** The builder's options for the converter's: the layout, workers and cache folder their defaults give. */
export const buildOptions = (opts: Omit<ConvertOptions, 'buildDir'>): BuildOptions => ({
  root: opts.root,
  baseIri: opts.baseIri,
  layout: layoutOf(opts),
  workers: opts.convertWorkers ?? availableParallelism(),
  cacheDir: cacheDirOf(opts),
  sitemapMaxUrls: opts.sitemapMaxUrls,
});

/** The hash that tells whether a build is stale: data, ontology, the converter's code, the base IRI and the plans' folders. */
const inputsHashOf = (opts: Omit<ConvertOptions, 'buildDir'>): string => {
  const layout = layoutOf(opts);
  // Beside the plan cache: the hash of the last full read, reused while no input's stamp changed.
  const memo = { file: join(cacheDirOf(opts), `inputs-${layout.synthetic ? 'synthetic' : 'real'}.json`) };
  return hashInputs(opts.root, opts.baseIri, layout.synthetic ? [layout.plansDir, layout.sourcesDir] : [], memo);
};

/**
 * The whole dataset converted in memory, in one go: the reference that the streaming, per-plan build is tested against
 * (byte for byte), and a handy value for tests of the small real dataset. Writes nothing; throws InputError or
 * ShapeViolationError.
 */
export const convert = async (opts: Omit<ConvertOptions, 'buildDir'>, inputsHash = inputsHashOf(opts)): Promise<Dataset> => {
  const inputs = loadInputs(opts.root, layoutOf(opts));
  const ontology = readFileSync(join(opts.root, 'ontology/jpplan.ttl'), 'utf8');
  const dataset = await buildDataset(inputs, ontology, opts.baseIri, inputsHash, readLicense(opts.root));
  const violations = await validateShacl(dataset.quads, readFileSync(join(opts.root, 'ontology/shapes.ttl'), 'utf8'));
  violations.push(...checkCubeIntegrity(String(dataset.files.find((f) => f.path === 'dataset.nq')!.content)));
  if (violations.length > 0) throw new ShapeViolationError(violations.length, formatViolations(violations));
  const synthetic = layoutOf(opts).synthetic;
  // The search index, from each plan graph's rows as the streaming build writes it; then the sitemap's files.
  const search = await searchBuildFile(dataset.quads, dataset.manifest.graphs, opts.baseIri);
  const documentPaths: string[] = [];
  const sitemap = sitemapFiles(inputs, dataset, opts, (p) => documentPaths.push(p));
  const paths = await pathsBuildFile(documentPaths);
  const manifest = { ...dataset.manifest, ...(synthetic ? { synthetic } : {}), files: [...dataset.manifest.files, paths.entry], search: search.entry };
  return { ...dataset, files: [...dataset.files, paths.file, search.file, ...sitemap], manifest };
};

/** The sitemap's files made from the whole dataset in memory, as the streaming build makes them from its pieces. */
const sitemapFiles = (inputs: Inputs, dataset: Dataset, opts: Omit<ConvertOptions, 'buildDir'>, onDocument: (path: string) => void): BuildFile[] => {
  const uri = iris(opts.baseIri);
  const facts = readSitemapFacts(opts.root);
  const byGraph = new Map<string, Quad[]>();
  for (const q of dataset.quads) (byGraph.get(q.graph.value) ?? byGraph.set(q.graph.value, []).get(q.graph.value)!).push(q);
  const pieces = [uri.vocabularyGraph(), ...inputs.plans.map((p) => uri.planGraph(p.municipality.code, p.id))].map((graph) => {
    const plan = inputs.plans.find((p) => uri.planGraph(p.municipality.code, p.id) === graph);
    const described = plan
      ? planDescribedPaths(uri, plan.municipality.code, plan.id, plan.series.id, `${plan.municipality.code}-${plan.id}.ttl`)
      : wholeDescribedPaths(opts.baseIri, facts);
    return stringLines(pagesPiece(byGraph.get(graph) ?? [], opts.baseIri, described));
  });
  const files: BuildFile[] = [];
  writeSitemap(pieces, { baseIri: opts.baseIri, facts, maxUrls: opts.sitemapMaxUrls, onDocument }, (path, content) => files.push({ path, mediaType: 'application/xml', content }));
  return files;
};

/** Checks every plan (converting those the cache does not hold, in parallel) without writing a build. */
export const validate = async (opts: Omit<ConvertOptions, 'buildDir'>): Promise<BuildReport & { quads: number; graphs: number }> => {
  const checked = await checkPlans(buildOptions(opts), { bodies: false });
  const graphs = [checked.vocabulary, ...checked.plans];
  return { converted: checked.converted, cached: checked.cached, quads: graphs.reduce((n, g) => n + g.graph.quads, 0), graphs: graphs.length };
};

/**
 * A stage above the converter that completes a staged build before it is swapped in (`npm run convert` renders the
 * pages ahead: src/publish): the staged build, complete, and the folder of the build it replaces (which may not exist).
 */
export type FinishStage = (staging: string, manifest: Manifest, previous: string) => Promise<void>;

/**
 * Converts the plans whose inputs changed (in parallel), takes the others from the cache, lets `finish` complete the
 * staged build, and swaps it into buildDir; the previous build stays untouched on any error.
 */
export const convertAndWriteReport = async (
  opts: ConvertOptions,
  inputsHash = inputsHashOf(opts),
  finish?: FinishStage,
): Promise<{ manifest: Manifest } & BuildReport> => {
  let result: ({ manifest: Manifest } & BuildReport) | undefined;
  await swapInBuild(opts.buildDir, async (staging) => {
    result = await buildInto(staging, buildOptions(opts), inputsHash);
    await finish?.(staging, result.manifest, opts.buildDir);
  });
  return result!;
};

export const convertAndWrite = async (opts: ConvertOptions, inputsHash?: string): Promise<Manifest> =>
  (await convertAndWriteReport(opts, inputsHash)).manifest;

/** The verified build when buildDir can be served as it is, else why not (missing, damaged or older than its inputs). */
const checkBuild = (opts: ConvertOptions, inputsHash: string): { build: VerifiedBuild } | { reason: string } => {
  try {
    const build = readVerifiedBuild(opts.buildDir, opts.synthetic ?? false);
    if (build.manifest.inputsHash === inputsHash) return { build };
    if (build.manifest.baseIri !== opts.baseIri) return { reason: `${opts.buildDir} was built for BASE_IRI ${build.manifest.baseIri}, not ${opts.baseIri}` };
    return { reason: `${opts.buildDir} is older than its inputs (data/, ontology/, the converter, the pages' renderer or BASE_IRI changed)` };
  } catch (e) {
    if (e instanceof BuildError) return { reason: e.message };
    throw e;
  }
};

/** True when buildDir is missing, damaged (a listed file missing or failing its sha256), or older than its inputs. */
export const isStale = (opts: ConvertOptions, inputsHash = inputsHashOf(opts)): boolean => 'reason' in checkBuild(opts, inputsHash);

/**
 * Clears what killed converters left beside build/ (before, and after a failed conversion), then converts only when
 * build/ cannot be served as it is; returns the build as read and verified, so that the caller does not read and
 * hash it again. The inputs are hashed once. `onRebuild` hears why a rebuild is needed; `convert` makes the build (in
 * this process by default; the server runs the converter as its own process), which is then checked again against
 * the same inputs.
 */
export const ensureBuild = async (
  opts: ConvertOptions,
  onRebuild?: (reason: string) => void,
  convert?: () => Promise<void>,
): Promise<VerifiedBuild> => {
  // What a killed converter left (GBs nationally) goes even when no rebuild follows.
  clearAbandonedBuilds(opts.buildDir);
  const inputsHash = inputsHashOf(opts);
  const checked = checkBuild(opts, inputsHash);
  if ('build' in checked) return checked.build;
  onRebuild?.(checked.reason);
  try {
    if (convert) await convert();
    else await convertAndWrite(opts, inputsHash);
  } catch (e) {
    // A converter run as its own process and killed leaves its staging folder: it goes now, not at the next start.
    clearAbandonedBuilds(opts.buildDir);
    throw e;
  }
  const rebuilt = checkBuild(opts, inputsHash);
  if ('reason' in rebuilt) throw new Error(`the converter finished, but ${rebuilt.reason}`);
  return rebuilt.build;
};
