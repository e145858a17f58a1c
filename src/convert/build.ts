// The scalable build: every plan converted on its own, in parallel, or taken from the per-plan cache when its inputs
// are unchanged; the checks across plans run over their summaries; the files are assembled by streaming.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkSourceSums, crossPlanProblems, InputError, listPlanFiles, THEMES_FILE, type InputLayout, type Problem } from '../plan/index.ts';
import { loadThemes } from '../plan/load-themes.ts';
import { sortQuads } from '../rdf/serialize.ts';
import { themesToQuads } from '../rdf/themes-to-quads.ts';
import { iris } from '../rdf/uris.ts';
import { assembleBuild, cachedGraph, inMemoryGraph, type GraphSource, type PlanSource } from './assemble.ts';
import { ontologyQuads, type Manifest } from './dataset.ts';
import { bodiesFile, bodyMaker, cachedBodiesSource, sliceBodiesKey } from './document-bodies.ts';
import type { BodiesSource } from './document-rows.ts';
import { graphPieces } from './graph-files.ts';
import { bodiesCacheDir, planCache, sharedKey, type PlanEntry } from './plan-cache.ts';
import { readSourceIn } from './plan-unit.ts';
import { pagesPiece, readLicense, readSitemapFacts, wholeDescribedPaths } from './sitemap-file.ts';
import { converterPool, type ConverterPool } from './pool.ts';
import { formatViolations, type Violation } from './shacl.ts';

export interface BuildOptions {
  readonly root: string;
  readonly baseIri: string;
  readonly layout: InputLayout;
  readonly workers: number;
  readonly cacheDir: string;
  /** URLs per sitemap part; default the protocol's 50,000. */
  readonly sitemapMaxUrls?: number;
}

/** Raised when the generated data does not conform to ontology/shapes.ttl or to the RDF Data Cube integrity constraints. */
export class ShapeViolationError extends Error {
  constructor(readonly count: number, report: string) {
    super(`the dataset does not conform to ontology/shapes.ttl and the RDF Data Cube integrity constraints (${count} violation(s)):\n${report}`);
    this.name = 'ShapeViolationError';
  }
}

/** What a build did: which plan files it converted and which it took from the cache (tests and the bench read this). */
export interface BuildReport {
  readonly converted: readonly string[];
  readonly cached: readonly string[];
}

export interface CheckedBuild extends BuildReport {
  readonly vocabulary: GraphSource;
  readonly plans: readonly PlanSource[];
  /** Where each municipality's Turtle bodies are read (or, when they cannot be, made). */
  readonly bodies: BodiesSource;
}

type Entry = PlanEntry & { readonly file: string };

/** The key each municipality's Turtle bodies are kept under (sliceBodiesKey), by code, with its plans' entries. */
const municipalities = (entries: readonly Entry[], shared: string): Map<string, { key: string; plans: Entry[] }> => {
  const byCode = new Map<string, Entry[]>();
  for (const e of entries) {
    const code = e.record.summary.municipality.code;
    (byCode.get(code) ?? byCode.set(code, []).get(code)!).push(e);
  }
  return new Map([...byCode].map(([code, plans]) => [code, { key: sliceBodiesKey(shared, plans.map((p) => p.inputs)), plans }]));
};

/**
 * Makes on the pool the Turtle bodies of every municipality that has none kept under its key, each municipality by one
 * worker, from its plans' cache entries: none is made twice, nor on the main thread.
 */
const makeBodies = async (pool: ConverterPool, slices: ReadonlyMap<string, { key: string; plans: readonly Entry[] }>, dir: string): Promise<void> => {
  const jobs = [...slices]
    .map(([code, { key, plans }]) => ({ kind: 'bodies' as const, code, planDirs: plans.map((p) => p.dir), file: bodiesFile(dir, code, key) }))
    .filter((job) => !existsSync(job.file));
  const failed = (await pool.run(jobs)).flatMap((r) => (r.kind === 'failed' ? [`${r.code}: ${r.message}`] : []));
  if (failed.length > 0) throw new Error(`the converter could not make the Turtle documents of ${failed.length} municipalit${failed.length === 1 ? 'y' : 'ies'}:\n${failed.join('\n')}`);
};

/**
 * Converts on the pool the plans the cache does not hold; throws InputError or ShapeViolationError. Returns every plan's
 * entry, in the order of `files`.
 */
const convertMisses = async (
  pool: ConverterPool,
  files: readonly string[],
  hits: ReadonlyMap<string, PlanEntry | undefined>,
  sourceProblems: readonly Problem[],
): Promise<Entry[]> => {
  const replies = await pool.run(files.filter((f) => !hits.get(f)).map((file) => ({ kind: 'plan' as const, file })));
  const problems: Problem[] = [];
  const violations = new Map<string, Violation>();
  const converted = new Map<string, PlanEntry>();
  for (const reply of replies) {
    if (reply.kind === 'failed') problems.push({ file: reply.file, reason: reply.message });
    else if (reply.kind === 'problems') problems.push(...reply.problems);
    // The vocabulary is validated beside every plan: a violation of its own is reported once.
    else if (reply.kind === 'violations') for (const v of reply.violations) violations.set(JSON.stringify(v), v);
    else converted.set(reply.file, reply);
  }
  const entries = files.flatMap((file) => {
    const entry = hits.get(file) ?? converted.get(file);
    return entry ? [{ ...entry, file }] : [];
  });
  // Problems keep the order of the plan files, as the loader reports them, then the checks across plans.
  const order = new Map(files.map((f, i) => [f, i]));
  problems.sort((a, b) => (order.get(a.file) ?? -1) - (order.get(b.file) ?? -1));
  // The source texts' own problems (SHA256SUMS) come first, then the plans', then the checks across plans.
  problems.unshift(...sourceProblems);
  problems.push(...crossPlanProblems(entries.map((e) => e.record.summary)));
  if (problems.length > 0) throw new InputError(problems);
  if (violations.size > 0) throw new ShapeViolationError(violations.size, formatViolations([...violations.values()]));
  return entries;
};

/**
 * Converts (or takes from the cache) and checks every plan; throws InputError or ShapeViolationError; writes only the
 * cache. With `bodies` false (a check alone), the municipalities' Turtle bodies are not made.
 */
export const checkPlans = async (opts: BuildOptions, { bodies: withBodies = true } = {}): Promise<CheckedBuild> => {
  const { root, layout } = opts;
  const read = (file: string) => readFileSync(join(root, file));
  const themesBytes = read(THEMES_FILE);
  const { scheme, problems: themeProblems } = loadThemes(THEMES_FILE, themesBytes.toString('utf8'));
  if (!scheme) throw new InputError(themeProblems);
  const ontology = read('ontology/jpplan.ttl');
  const shapes = read('ontology/shapes.ttl');
  const license = readLicense(root);
  const uri = iris(opts.baseIri);

  const vocabularyQuads = sortQuads([...ontologyQuads(ontology.toString('utf8'), uri.vocabularyGraph(), 'ontology/jpplan.ttl'), ...themesToQuads(scheme, uri)]);
  const vocabularyPieces = await graphPieces(vocabularyQuads);
  // The vocabulary's share of the sitemap carries the pages of what the catalog says about the whole.
  const pages = pagesPiece(vocabularyQuads, opts.baseIri, wholeDescribedPaths(opts.baseIri, readSitemapFacts(root)));
  const vocabulary = inMemoryGraph({ iri: uri.vocabularyGraph(), quads: vocabularyQuads.length }, { ...vocabularyPieces, pages });

  const files = listPlanFiles(root, layout);
  if (files.length === 0) throw new InputError([{ file: layout.plansDir, reason: 'no plan files (*.yaml)' }]);
  const shared = sharedKey({ baseIri: opts.baseIri, synthetic: layout.synthetic, license, themes: themesBytes, ontology, shapes });
  const cache = planCache(opts.cacheDir, layout.synthetic, shared);
  cache.prune(files);
  // A real build's source texts must be the bytes SHA256SUMS records; a synthetic build's are generated, and have none.
  const sourceProblems = layout.synthetic ? [] : checkSourceSums(root, layout.sourcesDir);
  const readSource = readSourceIn(root, layout);
  const hits = new Map(files.map((file) => [file, cache.lookup(file, read(file), readSource)] as const));
  const misses = files.filter((f) => !hits.get(f));

  const pool = converterPool(
    {
      context: { root, layout, baseIri: opts.baseIri, themeIds: scheme.themes.map((t) => t.id), vocabularyNq: vocabularyPieces.nq, shapesTurtle: shapes.toString('utf8'), license },
      cacheDir: opts.cacheDir,
      shared,
    },
    opts.workers,
  );
  try {
    const entries = await convertMisses(pool, files, hits, sourceProblems);
    const key = (e: PlanEntry) => e.record.summary.municipality.code + e.record.summary.id;
    const plans = entries
      .sort((a, b) => (key(a) < key(b) ? -1 : 1))
      .map((e) => cachedGraph(e.dir, e.record.graph, e.record.prefixes, e.record.turtleName));
    const bodiesDir = bodiesCacheDir(opts.cacheDir, layout.synthetic);
    const slices = municipalities(entries, shared);
    if (withBodies) await makeBodies(pool, slices, bodiesDir);
    // What the workers made is read from where they kept it; an entry gone or unreadable is made again on this thread.
    const keyOf = (code: string) => slices.get(code)!.key;
    const bodies = cachedBodiesSource(bodyMaker(opts.baseIri, license, vocabularyQuads), bodiesDir, keyOf);
    return { vocabulary, plans, bodies, converted: misses, cached: files.filter((f) => hits.get(f)) };
  } finally {
    await pool.close();
  }
};

/** Checks every plan and assembles the build's files into staging; returns the manifest and what was converted. */
export const buildInto = async (staging: string, opts: BuildOptions, inputsHash: string): Promise<{ manifest: Manifest } & BuildReport> => {
  const checked = await checkPlans(opts);
  const manifest = await assembleBuild(staging, {
    ...checked,
    baseIri: opts.baseIri,
    inputsHash,
    synthetic: opts.layout.synthetic,
    sitemap: readSitemapFacts(opts.root),
    sitemapMaxUrls: opts.sitemapMaxUrls,
  });
  return { manifest, converted: checked.converted, cached: checked.cached };
};
