// The embedded Store: Oxigraph workers for ordinary queries, Comunica for queries with SERVICE.
import { Parser, type Quad } from 'n3';
import { Federation } from './federation.ts';
import { OxigraphPool } from './oxigraph-pool.ts';
import { StoreError, type DatasetStats, type QueryAnswer, type QueryRequest, type Store, type StoreHealth, type StoreLimits } from './store.ts';
import type { TaskResult } from './worker-protocol.ts';

export interface LocalStoreOptions extends StoreLimits {
  readonly workers: number;
  readonly serviceAllowlist: readonly string[];
  /** Base IRI that relative IRIs in queries resolve against. */
  readonly baseIri?: string | undefined;
}

// Characters that may not appear inside an IRIREF in SPARQL.
const BAD_IRI = /[\u0000-\u0020<>"{}|^`\\]/;

const triples = (r: TaskResult): Quad[] => {
  if (r.kind !== 'triples') throw new StoreError('execution', `unexpected ${r.kind} answer`);
  return new Parser({ format: 'N-Triples' }).parse(r.ntriples);
};

class LocalStore implements Store {
  readonly #options: LocalStoreOptions;
  readonly #pool: OxigraphPool;
  readonly #federation: Federation;
  #version: string | undefined;
  #stats: Promise<DatasetStats> | undefined;

  constructor(options: LocalStoreOptions) {
    this.#options = options;
    this.#pool = new OxigraphPool(options);
    this.#federation = new Federation(options);
  }

  get version(): string | undefined {
    return this.#version;
  }

  async load(nquads: string, version: string): Promise<void> {
    await this.#pool.load(nquads);
    this.#federation.load(nquads);
    this.#version = version;
    this.#stats = undefined;
  }

  async query(request: QueryRequest): Promise<QueryAnswer> {
    if (request.services.length > 0) return this.#federation.query(request);
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
    });
    if (r.kind === 'results') return { ...r, mediaType: request.resultsMediaType };
    if (r.kind === 'graph') return { ...r, mediaType: request.graphMediaType };
    throw new StoreError('execution', `unexpected ${r.kind} answer`);
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

  health(): StoreHealth {
    return this.#pool.health();
  }

  close(): Promise<void> {
    return this.#pool.close();
  }
}

/** An embedded store with no data yet: call load() before querying. */
export const createLocalStore = (options: LocalStoreOptions): Store => new LocalStore(options);
