// The federation worker pool both stores use for SERVICE queries: Comunica in its own worker over the store's data,
// started by the first federated query, so that a timeout stops all of a query's work.
import { StoreError, type QueryAnswer, type QueryRequest, type StoreLimits } from './store.ts';
import { WorkerPool } from './worker-pool.ts';
import type { TaskResult } from './worker-protocol.ts';

export interface FederationPoolOptions extends StoreLimits {
  readonly serviceAllowlist: readonly string[];
  readonly baseIri?: string | undefined;
  readonly workerMaxMemoryMb?: number | undefined;
}

export const federationPool = ({ baseIri, timeoutMs, maxRows, serviceAllowlist, workerMaxMemoryMb = 1024 }: FederationPoolOptions): WorkerPool =>
  new WorkerPool({
    script: new URL('./federation-worker.ts', import.meta.url),
    workers: 1,
    timeoutMs,
    // The worker stops its own query at timeoutMs and says which endpoint it waited for; past this, it is terminated.
    graceMs: 2_000,
    maxMemoryMb: workerMaxMemoryMb,
    lazy: true,
    load: { baseIri, serviceAllowlist, timeoutMs, maxRows },
  });

/** A worker's answer to a query, typed with the media type the request asked for. */
export const queryAnswer = (r: TaskResult, request: QueryRequest): QueryAnswer => {
  if (r.kind === 'results') return { ...r, mediaType: request.resultsMediaType };
  if (r.kind === 'graph') return { ...r, mediaType: request.graphMediaType };
  throw new StoreError('execution', `unexpected ${r.kind} answer`);
};

/** Runs a query with SERVICE clauses in the federation pool. */
export const federate = async (pool: WorkerPool, request: QueryRequest): Promise<QueryAnswer> => {
  const { query, form, services, resultsMediaType, graphMediaType, defaultGraphs, namedGraphs } = request;
  const columnOrder = request.outline?.columnOrder;
  return queryAnswer(await pool.run({ op: 'federate', query, form, services, resultsMediaType, graphMediaType, defaultGraphs, namedGraphs, columnOrder }), request);
};
