// The embedded Store: Oxigraph workers for ordinary queries, Comunica for queries with SERVICE.
import { Parser, type Quad } from 'n3';
import { federate, federationPool, queryAnswer } from './federation-pool.ts';
import { WorkerPool } from './worker-pool.ts';
import { asDatasetSource, StoreError, type DatasetSource, type DatasetStats, type QueryAnswer, type QueryRequest, type Store, type StoreHealth, type StoreLimits } from './store.ts';
import type { TaskResult } from './worker-protocol.ts';

export interface LocalStoreOptions extends StoreLimits {
  readonly workers: number;
  readonly serviceAllowlist: readonly string[];
  /** An engine worker whose memory grew past this is replaced after its answer (default 1024). */
  readonly workerMaxMemoryMb?: number | undefined;
  /** Base IRI that relative IRIs in queries resolve against. */
  readonly baseIri?: string | undefined;
  /** Most quads load() takes in (EMBEDDED_MAX_QUADS); more are refused before any worker sees them. Default: no limit. */
  readonly embeddedMaxQuads?: number | undefined;
}

const thousands = (n: number) => n.toLocaleString('en-US');

/**
 * Why the embedded store will not take a dataset of this many quads, or undefined when it fits. Above the ceiling
 * Oxigraph's WASM memory (4 GB per worker) would run out while loading or querying: such a build is for Virtuoso.
 */
export const embeddedCeilingError = (quads: number, maxQuads: number): StoreError | undefined =>
  quads <= maxQuads
    ? undefined
    : new StoreError(
        'unavailable',
        `the build has ${thousands(quads)} quads, more than the embedded store takes (EMBEDDED_MAX_QUADS=${thousands(maxQuads)}; ` +
          `its WASM memory is limited to 4 GB); serve it from the Virtuoso backend: npm run virtuoso -- start, ` +
          `then npm run virtuoso -- load, then STORE=virtuoso npm start`,
      );

/** Quads in N-Quads text as the converter writes it: one quad per line. */
const lineCount = (text: string): number => {
  let n = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) n++;
  return text.length > 0 && !text.endsWith('\n') ? n + 1 : n;
};

// Characters that may not appear inside an IRIREF in SPARQL.
const BAD_IRI = /[\u0000-\u0020<>"{}|^`\\]/;

const triples = (r: TaskResult): Quad[] => {
  if (r.kind !== 'triples') throw new StoreError('execution', `unexpected ${r.kind} answer`);
  return new Parser({ format: 'N-Triples' }).parse(r.ntriples);
};

class LocalStore implements Store {
  readonly #options: LocalStoreOptions;
  readonly #pool: WorkerPool;
  /** Comunica for SERVICE queries, in its own worker, started by the first federated query. */
  readonly #federation: WorkerPool;
  #version: string | undefined;
  #stats: Promise<DatasetStats> | undefined;

  constructor(options: LocalStoreOptions) {
    this.#options = options;
    const { baseIri, timeoutMs, workerMaxMemoryMb: maxMemoryMb = 1024 } = options;
    this.#pool = new WorkerPool({
      script: new URL('./oxigraph-worker.ts', import.meta.url),
      workers: options.workers,
      timeoutMs,
      maxMemoryMb,
      load: { baseIri },
    });
    this.#federation = federationPool(options);
  }

  get version(): string | undefined {
    return this.#version;
  }

  /**
   * Loads the new data into fresh workers while the old ones keep answering, then swaps all at once: a query
   * is answered wholly from the old or wholly from the new data. Data that cannot be loaded is never taken in.
   */
  async load(data: string | DatasetSource, version: string): Promise<void> {
    const nquads = asDatasetSource(data).text();
    const { embeddedMaxQuads } = this.#options;
    if (embeddedMaxQuads !== undefined) {
      const refused = embeddedCeilingError(lineCount(nquads), embeddedMaxQuads);
      if (refused) throw refused;
    }
    const [local, federated] = await Promise.allSettled([this.#pool.prepare(() => nquads), this.#federation.prepare(() => nquads)]);
    if (local.status === 'rejected' || federated.status === 'rejected') {
      if (local.status === 'fulfilled') local.value.discard();
      if (federated.status === 'fulfilled') federated.value.discard();
      throw local.status === 'rejected' ? local.reason : (federated as PromiseRejectedResult).reason;
    }
    local.value.commit();
    federated.value.commit();
    this.#version = version;
    this.#stats = undefined;
  }

  async query(request: QueryRequest): Promise<QueryAnswer> {
    if (request.services.length > 0) return federate(this.#federation, request);
    const { maxRows } = this.#options;
    const pushLimit = request.form === 'SELECT' && request.limit === undefined && !request.trailingValues;
    const r = await this.#pool.run({
      op: 'query',
      query: request.query,
      form: request.form,
      resultsMediaType: request.resultsMediaType,
      graphMediaType: request.graphMediaType,
      defaultGraphs: request.defaultGraphs,
      namedGraphs: request.namedGraphs,
      maxRows,
      pushLimit,
      columnOrder: request.outline?.columnOrder,
    });
    return queryAnswer(r, request);
  }

  async describe(iri: string): Promise<Quad[]> {
    if (BAD_IRI.test(iri)) throw new StoreError('syntax', `not a valid IRI: ${JSON.stringify(iri)}`);
    return triples(await this.#pool.run({ op: 'describe', iri }));
  }

  stats(): Promise<DatasetStats> {
    this.#stats ??= this.#pool.run({ op: 'stats' }).then((r) => {
      if (r.kind !== 'stats') throw new StoreError('execution', `unexpected ${r.kind} answer`);
      return { defaultGraphTriples: r.defaultGraphTriples, graphs: r.graphs };
    });
    this.#stats.catch(() => (this.#stats = undefined));
    return this.#stats;
  }

  /** The Oxigraph pool decides; the federation worker starts on demand and only adds to the replacement count. */
  health(): StoreHealth {
    const local = this.#pool.health();
    return { ...local, workersReplaced: local.workersReplaced + this.#federation.health().workersReplaced };
  }

  async close(): Promise<void> {
    await Promise.all([this.#pool.close(), this.#federation.close()]);
  }
}

/** An embedded store with no data yet: call load() before querying. */
export const createLocalStore = (options: LocalStoreOptions): Store => new LocalStore(options);
