// One Virtuoso instance's SPARQL endpoint over HTTP: sends a query with a deadline (GET when short, else a POSTed form)
// and maps every failure to a StoreError.
// undici's request API over a keep-alive pool, not fetch: a third of fetch's CPU per query (0.12 against 0.42 ms for a
// label lookup, by hand), which the server's one thread spends on every SPARQL request.
import { Pool, type Dispatcher } from 'undici';
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

/**
 * The longest request target (path and query string) a query is sent in with GET; a longer one is POSTed as a form.
 * GET costs Virtuoso less (its CPU for the bench's label lookup at 18M, by hand: 1.02 against 1.23 ms), but its HTTP
 * server cuts a request line at about 10,000 bytes without saying so (a query string of 9,986 bytes was read whole,
 * one of 9,988 cut), and answers the cut text: the margin is wide.
 */
export const MAX_GET_TARGET = 8_000;

/** The HTTP request that asks the endpoint at `url` a query: what Endpoint sends, and what a bench sends in its place. */
export interface HttpRequest {
  readonly method: 'GET' | 'POST';
  /** Path and query string. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** The query's form (query and timeout), the endpoint's own target, and the target that carries the form by GET. */
const requestParts = (url: string, { query, timeoutMs }: EndpointRequest) => {
  const { pathname, search } = new URL(url);
  const form = new URLSearchParams({ query, timeout: String(timeoutMs) }).toString();
  return { form, endpoint: pathname + search, get: `${pathname}${search ? `${search}&` : '?'}${form}` };
};

/** The request target a query would be sent with by GET, however long (httpRequestOf uses it up to MAX_GET_TARGET). */
export const getTargetOf = (url: string, request: EndpointRequest): string => requestParts(url, request).get;

export const httpRequestOf = (url: string, request: EndpointRequest): HttpRequest => {
  const { form, endpoint, get } = requestParts(url, request);
  return get.length <= MAX_GET_TARGET
    ? { method: 'GET', path: get, headers: { accept: request.accept } }
    : {
        method: 'POST',
        path: endpoint,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: request.accept },
        body: form,
      };
};

/** Extra time after the deadline for Virtuoso to stop and say so (it overshoots its own `timeout` by up to its value). */
const ABORT_GRACE_MS = 250;

/**
 * A request's deadline: its signal aborts when the time is up. Cleared once the answer is read, so that no timer
 * outlives its request (AbortSignal.timeout's would, for the whole timeout: some 30,000 pending and 1,000 firing a
 * second at the lookup's rate).
 */
const deadline = (ms: number): { signal: AbortSignal; clear: () => void } => {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  // Never what keeps a process alive.
  timer.unref();
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
};

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
  #pool: Pool | undefined;

  constructor(readonly url: string) {}

  /** Opened on first use: most holders of a slot (scripts, tests) never query it. Idle sockets keep no process alive. */
  get #connections(): Pool {
    return (this.#pool ??= new Pool(new URL(this.url).origin));
  }

  async request(req: EndpointRequest): Promise<EndpointAnswer> {
    const { signal, clear } = deadline(req.timeoutMs + ABORT_GRACE_MS);
    try {
      const response = await this.#send(req, signal);
      const body = await this.#text(response, signal, req.timeoutMs);
      this.#check(response, body, req.timeoutMs);
      return { body, contentType: header(response.headers['content-type']) ?? '' };
    } finally {
      clear();
    }
  }

  /**
   * Sends a query and gives a successful answer's text to `read`, chunk by chunk as it arrives (a large answer is read
   * while it streams in, between other work); failures as request(), and `read`'s own errors as they are.
   */
  async read<T>(req: EndpointRequest, read: (text: AsyncIterable<string>) => Promise<T>): Promise<T> {
    const { signal, clear } = deadline(req.timeoutMs + ABORT_GRACE_MS);
    try {
      const response = await this.#send(req, signal);
      // A failure's text is read whole, for its SQL state; a success's is read as it comes.
      if (!answered(response)) this.#check(response, await this.#text(response, signal, req.timeoutMs), req.timeoutMs);
      let broken = false;
      response.body.once('error', () => (broken = true));
      try {
        return await read(decoded(response.body));
      } catch (e) {
        if (signal.aborted) throw queryTimeout(req.timeoutMs);
        if (broken) throw new StoreError('unavailable', `the Virtuoso instance at ${this.url} broke off its answer`);
        throw e;
      } finally {
        // A reader that stopped early leaves nothing unread on the pooled connection.
        if (!response.body.readableEnded) response.body.destroy();
      }
    } finally {
      clear();
    }
  }

  async #send({ query, accept, timeoutMs }: EndpointRequest, signal: AbortSignal): Promise<Dispatcher.ResponseData> {
    try {
      return await this.#connections.request({ ...httpRequestOf(this.url, { query, accept, timeoutMs }), signal });
    } catch (e) {
      if (signal.aborted) throw queryTimeout(timeoutMs);
      const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as { code?: string }).code ?? (e as Error).message;
      throw new StoreError('unavailable', `the Virtuoso instance at ${this.url} cannot be reached (${cause})`);
    }
  }

  /** Throws what an answer that is not a complete success means (answered() false); its text is Virtuoso's error. */
  #check(response: Dispatcher.ResponseData, body: string, timeoutMs: number): void {
    // An "anytime" answer is whatever was found before the deadline: never passed off as complete.
    if (header(response.headers['x-sql-state']) === PARTIAL) throw queryTimeout(timeoutMs);
    if (!answered(response)) throw mapError(response.statusCode, body, this.url, timeoutMs);
  }

  async #text(response: Dispatcher.ResponseData, signal: AbortSignal, timeoutMs: number): Promise<string> {
    try {
      return await response.body.text();
    } catch {
      if (signal.aborted) throw queryTimeout(timeoutMs);
      throw new StoreError('unavailable', `the Virtuoso instance at ${this.url} broke off its answer`);
    }
  }

  /** Closes the pooled connections; a later request opens new ones. */
  async close(): Promise<void> {
    const pool = this.#pool;
    this.#pool = undefined;
    await pool?.close();
  }
}

const header = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/** A complete success: a 2xx that is not an "anytime" partial answer. */
const answered = (response: Dispatcher.ResponseData): boolean =>
  response.statusCode >= 200 && response.statusCode < 300 && header(response.headers['x-sql-state']) !== PARTIAL;

/** A body's text, chunk by chunk: a character split between two chunks arrives whole. */
async function* decoded(body: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  for await (const chunk of body) yield decoder.decode(chunk, { stream: true });
  const rest = decoder.decode();
  if (rest) yield rest;
}
