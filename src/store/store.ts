// The query-engine contract routes depend on: an embedded Oxigraph pool today, a remote SPARQL endpoint tomorrow.
import type { Quad } from 'n3';
import type { RdfMediaType } from '../rdf/serialize.ts';
import type { QueryOutline } from './query-outline.ts';
import type { ResultsMediaType } from './sparql-results.ts';

export { RESULTS_MEDIA_TYPES, type ResultsMediaType } from './sparql-results.ts';

export type QueryForm = 'SELECT' | 'ASK' | 'CONSTRUCT' | 'DESCRIBE';


/** One read-only query, already parsed and classified by the caller. */
export interface QueryRequest {
  readonly query: string;
  readonly form: QueryForm;
  /** Every SERVICE IRI in the query, nested ones included; non-empty means the query is federated. */
  readonly services: readonly string[];
  /** Protocol dataset (default-graph-uri / named-graph-uri); both empty means "the store's default dataset". */
  readonly defaultGraphs: readonly string[];
  readonly namedGraphs: readonly string[];
  /** Wanted serialization of SELECT / ASK answers; ignored for CONSTRUCT / DESCRIBE. */
  readonly resultsMediaType: ResultsMediaType;
  /** Wanted serialization of CONSTRUCT / DESCRIBE answers; ignored for SELECT / ASK. */
  readonly graphMediaType: RdfMediaType;
  /** LIMIT of the outermost query, when it has one: lets a store push the row cap down. */
  readonly limit?: number | undefined;
  /** True when a VALUES block trails the outermost query (a LIMIT cannot simply be appended). */
  readonly trailingValues?: boolean | undefined;
  /**
   * The query's outline when the server has read it (in a parser thread, as plain data): a store that needs one uses it
   * instead of parsing the text again, and never changes it (requests may share it).
   */
  readonly outline?: QueryOutline | undefined;
}

export type QueryAnswer =
  | {
      readonly kind: 'results';
      readonly body: string;
      readonly mediaType: ResultsMediaType;
      /** Solutions in the body (0 for ASK). */
      readonly rows: number;
      /** True when more solutions existed than the row cap let through. */
      readonly capped: boolean;
    }
  | {
      /** A CONSTRUCT or DESCRIBE answer, serialized by the engine (never on the server's main thread). */
      readonly kind: 'graph';
      readonly body: string;
      readonly mediaType: RdfMediaType;
      /** Triples in the body. */
      readonly triples: number;
      /** True when more triples existed than the row cap let through. */
      readonly capped: boolean;
    };

export interface GraphStats {
  readonly iri: string;
  readonly triples: number;
}

export interface DatasetStats {
  /** Triples in the default graph: the RDF merge of all named graphs. */
  readonly defaultGraphTriples: number;
  readonly graphs: readonly GraphStats[];
}

/**
 * A dataset for load(): its N-Quads text, read only when an engine needs it (the embedded store always, Virtuoso only
 * to fill a slot or for a federated query), and what each named graph must hold (the manifest's counts).
 */
export interface DatasetSource {
  readonly text: () => string;
  /** The N-Quads file the text is read from, when there is one: an engine may take the file itself. */
  readonly file?: string;
  /** Distinct triples per named graph; counted from the text when absent. */
  readonly graphCounts?: ReadonlyMap<string, number>;
  /** Distinct triples of the merge of every graph, as the build counted them (never more than there are). */
  readonly mergeTriples?: number;
}

/** A dataset given as text, as a source. */
export const asDatasetSource = (data: string | DatasetSource): DatasetSource => (typeof data === 'string' ? { text: () => data } : data);

export interface Store {
  /** Version of the loaded dataset (manifest version), undefined before the first load. */
  readonly version: string | undefined;
  /** Replaces the whole dataset; resolves once queries see the new data. */
  load(data: string | DatasetSource, version: string): Promise<void>;
  /** Answers one query within the store's timeout and row cap; rejects with StoreError. */
  query(request: QueryRequest): Promise<QueryAnswer>;
  /** Concise bounded description of a resource, read from the default graph (merge of all graphs). */
  describe(iri: string): Promise<Quad[]>;
  /** Triple counts of the default graph and of each named graph. */
  stats(): Promise<DatasetStats>;
  /** What the engine can take right now; `ok` is false when no query could be answered. */
  health(): StoreHealth;
  close(): Promise<void>;
}

export interface StoreHealth {
  readonly ok: boolean;
  /** Engine workers able to take a query now, and how many there should be. */
  readonly workersReady: number;
  readonly workersWanted: number;
  /** Workers replaced since start (crashed, overran, or recycled for memory). */
  readonly workersReplaced: number;
}

export type StoreErrorCode =
  /** The engine rejected the query text. */
  | 'syntax'
  /** The query ran longer than allowed and was stopped. */
  | 'timeout'
  /** The query names a SERVICE endpoint outside the allowlist. */
  | 'service_not_allowed'
  /** An allowlisted SERVICE endpoint could not be reached or answered badly (the message names it). */
  | 'upstream'
  /** An allowlisted SERVICE endpoint did not answer within the query's time (the message names it). */
  | 'upstream_timeout'
  /** The query needed more memory or stack than one query may use; it was stopped. */
  | 'too_costly'
  /** The engine parsed the query but cannot evaluate it (e.g. an unknown custom function). */
  | 'unsupported'
  /** The answer holds something the asked format cannot carry (a character XML forbids, a predicate RDF/XML cannot name). */
  | 'unrepresentable'
  /** No engine can take the query (not loaded, shutting down, crashed). */
  | 'unavailable'
  /** The engine failed while evaluating the query (a bug of ours or the engine's; the message is safe to show). */
  | 'execution';

/** Where in the query text a syntax error is (1-based). */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    /** For syntax errors, when the engine says where. */
    readonly position?: TextPosition,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

/** A query stopped at its time limit: one message for every engine, so that a client cannot tell which one answered. */
export const queryTimeout = (timeoutMs: number): StoreError =>
  new StoreError('timeout', `the query was stopped after ${timeoutMs / 1000} s (the limit); simplify it or add a LIMIT`);

/** Limits every store enforces, from config.sparql. */
export interface StoreLimits {
  readonly timeoutMs: number;
  readonly maxRows: number;
}
