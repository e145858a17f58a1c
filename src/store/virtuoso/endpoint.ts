// One Virtuoso instance's SPARQL endpoint over HTTP: sends a query with a deadline and maps every failure to a StoreError.
import { queryTimeout, StoreError } from '../store.ts';

/** What Virtuoso answered: its body and content type. */
export interface EndpointAnswer {
  readonly body: string;
  readonly contentType: string;
}

export interface EndpointRequest {
  readonly query: string;
  /** Accept header: the one format the store reads answers in. */
  readonly accept: string;
  /** The query's time limit: Virtuoso is told to stop at it, and the HTTP request is abandoned shortly after. */
  readonly timeoutMs: number;
}

/** Extra time after the deadline for Virtuoso to stop and say so (it overshoots its own `timeout` by up to its value). */
const ABORT_GRACE_MS = 250;

/** The SQL state Virtuoso sends (X-SQL-State) when its "anytime" timeout cut the answer short. */
const PARTIAL = 'S1TAT';

/**
 * Virtuoso error texts name its internals (tables, procedures, user ids) and are never passed to a client; only the
 * SQL state is kept, which says what kind of failure it was.
 */
const mapError = (status: number, body: string, endpoint: string, timeoutMs: number): StoreError => {
  const state = /Virtuoso\s+(\w{5})\s+Error\s+(\w+)/.exec(body);
  const code = state?.[1] ?? '';
  const detail = state ? ` (Virtuoso ${state[1]} ${state[2]})` : ` (HTTP ${status})`;
  if (code === 'S1T00' || /SR171|timeout/i.test(state?.[2] ?? '')) return queryTimeout(timeoutMs);
  if (state?.[2] === 'SR353') return new StoreError('unsupported', `ORDER BY with OFFSET and LIMIT may sort only so many rows on the Virtuoso backend; page with a smaller OFFSET${detail}`);
  if (code === '37000') return new StoreError('unsupported', `the Virtuoso backend cannot evaluate this query${detail}`);
  if (code === '42000') return new StoreError('unsupported', `the query needs something the endpoint does not allow${detail}`);
  if (status === 503 || status === 502) return new StoreError('unavailable', `the Virtuoso instance at ${endpoint} is busy or down${detail}`);
  return new StoreError('execution', `the Virtuoso backend failed to evaluate the query${detail}`);
};

export class Endpoint {
  constructor(readonly url: string) {}

  async request({ query, accept, timeoutMs }: EndpointRequest): Promise<EndpointAnswer> {
    const form = new URLSearchParams({ query, timeout: String(timeoutMs) });
    const signal = AbortSignal.timeout(timeoutMs + ABORT_GRACE_MS);
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept },
        body: form,
        signal,
      });
    } catch (e) {
      if (signal.aborted) throw queryTimeout(timeoutMs);
      throw new StoreError('unavailable', `the Virtuoso instance at ${this.url} cannot be reached (${(e as Error).cause ?? (e as Error).message})`);
    }
    let body: string;
    try {
      body = await response.text();
    } catch {
      if (signal.aborted) throw queryTimeout(timeoutMs);
      throw new StoreError('unavailable', `the Virtuoso instance at ${this.url} broke off its answer`);
    }
    // An "anytime" answer is whatever was found before the deadline: never passed off as complete.
    if (response.headers.get('x-sql-state') === PARTIAL) throw queryTimeout(timeoutMs);
    if (!response.ok) throw mapError(response.status, body, this.url, timeoutMs);
    return { body, contentType: response.headers.get('content-type') ?? '' };
  }
}
