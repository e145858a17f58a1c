// The query-engine contract routes depend on: an embedded Oxigraph pool today, a remote SPARQL endpoint tomorrow.
import type { Quad } from 'n3';

export type QueryForm = 'SELECT' | 'ASK' | 'CONSTRUCT' | 'DESCRIBE';

/** Media types a store serializes SELECT and ASK answers into. */
export const RESULTS_MEDIA_TYPES = [
  'application/sparql-results+json',
  'application/sparql-results+xml',
  'text/csv',
  'text/tab-separated-values',
] as const;
export type ResultsMediaType = (typeof RESULTS_MEDIA_TYPES)[number];

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
  /** LIMIT of the outermost query, when it has one: lets a store push the row cap down. */
  readonly limit?: number | undefined;
  /** True when a VALUES block trails the outermost query (a LIMIT cannot simply be appended). */
  readonly trailingValues?: boolean | undefined;
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
      readonly kind: 'quads';
      /** Triples (default graph) of a CONSTRUCT or DESCRIBE answer. */
      readonly quads: readonly Quad[];
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

export interface Store {
  /** Version of the loaded dataset (manifest version), undefined before the first load. */
  readonly version: string | undefined;
  /** Replaces the whole dataset; resolves once queries see the new data. */
  load(nquads: string, version: string): Promise<void>;
  /** Answers one query within the store's timeout and row cap; rejects with StoreError. */
  query(request: QueryRequest): Promise<QueryAnswer>;
  /** Concise bounded description of a resource, read from the default graph (merge of all graphs). */
  describe(iri: string): Promise<Quad[]>;
  /** Triple counts of the default graph and of each named graph. */
  stats(): Promise<DatasetStats>;
  close(): Promise<void>;
}

export type StoreErrorCode =
  /** The engine rejected the query text. */
  | 'syntax'
  /** The query ran longer than allowed and was stopped. */
  | 'timeout'
  /** The query names a SERVICE endpoint outside the allowlist. */
  | 'service_not_allowed'
  /** No engine can take the query (not loaded, shutting down, crashed). */
  | 'unavailable'
  /** The engine failed while evaluating the query. */
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

/** Limits every store enforces, from config.sparql. */
export interface StoreLimits {
  readonly timeoutMs: number;
  readonly maxRows: number;
}
