// One dataset "generation": a verified build loaded into its own Store and Site, served by its own Fastify app.
// The server hands each request to exactly one generation, so an answer never mixes two builds.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';
import { checkBuildFile, FACTS_FILE, readVerifiedBuild, type DatasetFacts, type Manifest, type VerifiedBuild } from '../../convert/index.ts';
import { assertStoreFits, createStore, StoreError, type DatasetSource, type Store } from '../../store/index.ts';
import { buildApp, type BuildOptions } from '../app.ts';
import { loadSite } from '../lib/site.ts';

export interface Generation {
  readonly manifest: Manifest;
  readonly app: FastifyInstance;
  /** Milliseconds the load took. */
  readonly loadMs: number;
  /** Stops the app and the store's workers. */
  close(): Promise<void>;
}

/**
 * build/dataset.nq for the store: read when the engine needs the text, and checked against the manifest then (a newer
 * build may have been swapped in since start-up); the per-graph counts are the manifest's, the merge's count is the
 * converter's (facts.json, parsed only when an engine asks for it).
 */
export const datasetSource = (buildDir: string, { manifest, files }: VerifiedBuild): Required<DatasetSource> => ({
  text: () => checkBuildFile(buildDir, manifest, 'dataset.nq', readFileSync(join(buildDir, 'dataset.nq'))).toString('utf8'),
  file: join(buildDir, 'dataset.nq'),
  graphCounts: new Map(manifest.graphs.map((g) => [g.iri, g.quads])),
  get mergeTriples() {
    return (JSON.parse(files.get(FACTS_FILE)!.toString('utf8')) as DatasetFacts).whole.triples;
  },
});

/** Prefixes an error's message with the file it came from, keeping the reason. */
const named = (file: string, e: unknown): Error => new Error(`${file}: ${e instanceof Error ? e.message : String(e)}`);

/**
 * Reads config.buildDir (every file checked against the manifest's sha256 first), loads a new store and site and builds
 * the app. On any failure everything made so far is closed and the error names the file and the reason.
 */
export const loadGeneration = async (
  config: Config,
  logging: Pick<BuildOptions, 'logger' | 'loggerInstance'>,
  /** The build when the caller has just read and verified it (start-up); a reload reads it here. */
  build?: VerifiedBuild,
): Promise<Generation> => {
  const started = performance.now();
  const verified = build ?? readVerifiedBuild(config.buildDir, config.synthetic);
  const { manifest, files } = verified;
  const nqPath = join(config.buildDir, 'dataset.nq');
  // A build the engine cannot hold is refused before its text is read (the embedded store's ceiling).
  assertStoreFits(config, manifest.quads);
  const store: Store = createStore(config);
  try {
    // An unavailable Virtuoso says what to start or load; the file is not what is wrong then.
    const aboutBackend = (e: unknown) => config.store === 'virtuoso' && e instanceof StoreError && e.code === 'unavailable';
    await store.load(datasetSource(config.buildDir, verified), manifest.version).catch((e: unknown) => Promise.reject(aboutBackend(e) ? e : named(nqPath, e)));
    const site = await loadSite(config, manifest, { files });
    const app = await buildApp(config, store, manifest, { ...logging, site });
    // One query before serving: it starts the parser threads (so the first client does not wait for them) and proves
    // the generation answers before it is taken in.
    const probe = await app.inject({ url: `/sparql?query=${encodeURIComponent('ASK { ?s ?p ?o }')}`, headers: { accept: 'application/sparql-results+json' } });
    if (probe.statusCode !== 200) {
      await app.close().catch(() => {});
      site.close();
      throw named(nqPath, new Error(`the loaded dataset does not answer a query (${probe.statusCode}: ${probe.body.slice(0, 200)})`));
    }
    // Not awaited: the threads load while the generation is taken in, and a document or search asked for meanwhile
    // waits for its thread as it would have.
    site.startThreads();
    app.log.info(
      { timings: site.timings, slices: site.slices.stats, heapUsedMB: Math.round(process.memoryUsage().heapUsed / 2 ** 20) },
      `dataset ${manifest.version} loaded`,
    );
    return {
      manifest,
      app,
      loadMs: Math.round(performance.now() - started),
      close: async () => {
        await app.close().catch(() => {});
        site.close();
        await store.close();
      },
    };
  } catch (e) {
    await store.close().catch(() => {});
    throw e;
  }
};
