// The messages exchanged between the Oxigraph pool and its worker threads.
import type { RdfMediaType } from '../rdf/serialize.ts';
import type { QueryForm, ResultsMediaType, StoreErrorCode, TextPosition } from './store.ts';

export interface LoadMessage {
  readonly op: 'load';
  /** UTF-8 N-Quads, shared (not copied) between all workers. */
  readonly nquads: Uint8Array;
  readonly baseIri: string | undefined;
  /** For the federation worker: the endpoints SERVICE may reach, its time limit and row cap. */
  readonly serviceAllowlist?: readonly string[];
  readonly timeoutMs?: number;
  readonly maxRows?: number;
}

export interface QueryMessage {
  readonly op: 'query';
  readonly id: number;
  readonly query: string;
  readonly form: QueryForm;
  readonly resultsMediaType: ResultsMediaType;
  readonly graphMediaType: RdfMediaType;
  readonly defaultGraphs: readonly string[];
  readonly namedGraphs: readonly string[];
  readonly maxRows: number;
  /** Append `LIMIT maxRows+1` to the query text (safe only when it has no LIMIT and no trailing VALUES). */
  readonly pushLimit: boolean;
  /** SELECT *: the order of the answer's columns (QueryOutline.columnOrder). */
  readonly columnOrder?: readonly string[] | undefined;
}

export interface DescribeMessage {
  readonly op: 'describe';
  readonly id: number;
  readonly iri: string;
}

export interface StatsMessage {
  readonly op: 'stats';
  readonly id: number;
}

/** A query with SERVICE clauses, for the federation worker. */
export interface FederateMessage {
  readonly op: 'federate';
  readonly id: number;
  readonly query: string;
  /** Every SERVICE IRI in the query; each must be exactly an allowlisted endpoint. */
  readonly services: readonly string[];
  readonly form: QueryForm;
  readonly resultsMediaType: ResultsMediaType;
  readonly graphMediaType: RdfMediaType;
  readonly defaultGraphs: readonly string[];
  readonly namedGraphs: readonly string[];
  /** SELECT *: the order of the answer's columns (QueryOutline.columnOrder). */
  readonly columnOrder?: readonly string[] | undefined;
}

export type TaskMessage = QueryMessage | DescribeMessage | StatsMessage | FederateMessage;
export type ToWorker = LoadMessage | TaskMessage;
/** A task as submitted to the pool, which assigns the id. */
export type NewTask = TaskMessage extends infer T ? (T extends unknown ? Omit<T, 'id'> : never) : never;

export type TaskResult =
  | { readonly kind: 'results'; readonly body: string; readonly rows: number; readonly capped: boolean }
  /** N-Triples, one triple per line. */
  | { readonly kind: 'triples'; readonly ntriples: string; readonly capped: boolean }
  /** A CONSTRUCT / DESCRIBE answer serialized in the wanted format. */
  | { readonly kind: 'graph'; readonly body: string; readonly triples: number; readonly capped: boolean }
  | { readonly kind: 'stats'; readonly defaultGraphTriples: number; readonly graphs: { iri: string; triples: number }[] };

/** What a worker says after each task, besides the answer. */
interface AfterTask {
  /** The worker's own memory (its JS heap and its WASM and other external memory), in MB. */
  readonly memoryMb: number;
  /** The worker must not take another task (its engine may be corrupted, or work it started may still run). */
  readonly replace?: boolean;
}

export type FromWorker =
  | { readonly op: 'loaded' }
  | { readonly op: 'load-failed'; readonly message: string }
  | ({ readonly op: 'done'; readonly id: number; readonly result: TaskResult } & AfterTask)
  | ({ readonly op: 'failed'; readonly id: number; readonly code: StoreErrorCode; readonly message: string; readonly position?: TextPosition } & AfterTask);

/** A worker's own memory in MB: per-isolate figures, so other threads' memory does not count. */
export const workerMemoryMb = (): number => {
  const m = process.memoryUsage();
  return Math.round((m.heapUsed + m.external) / 2 ** 20);
};
