// Evaluates queries with SERVICE clauses through Comunica: the local data plus allowlisted remote endpoints only.
// Runs inside the federation worker (federation-worker.ts), so that stopping a query can stop all of its work.
import { DataFactory, Parser, Store as N3Store, type Quad } from 'n3';
import sparqljs from 'sparqljs';
import { serializeQuads } from '../rdf/serialize.ts';
import { serializeResults, type JsonBinding, type JsonTerm } from './sparql-results.ts';
import { ServiceAllowlist, endpointOf } from './service-allowlist.ts';
import { StoreError } from './store.ts';
import type { FederateMessage, TaskResult } from './worker-protocol.ts';

interface Term {
  readonly termType: string;
  readonly value: string;
  readonly language?: string;
  readonly datatype?: { readonly value: string };
}
interface Stream<T> {
  on(event: 'data', f: (item: T) => void): void;
  on(event: 'end', f: () => void): void;
  on(event: 'error', f: (e: Error) => void): void;
  destroy(cause?: Error): void;
}
type ComunicaResult =
  | {
      resultType: 'bindings';
      metadata(): Promise<{ variables: (Term | { variable: Term })[] }>;
      execute(): Promise<Stream<{ get(v: Term): Term | undefined }>>;
    }
  | { resultType: 'quads'; execute(): Promise<Stream<Quad>> }
  | { resultType: 'boolean'; execute(): Promise<boolean> }
  | { resultType: 'void' };
interface Engine {
  query(query: string, context: Record<string, unknown>): Promise<ComunicaResult>;
}

export interface FederationOptions {
  /** SERVICE endpoints the server may contact; nothing else is ever fetched. */
  readonly serviceAllowlist: readonly string[];
  readonly baseIri?: string | undefined;
  readonly timeoutMs: number;
  readonly maxRows: number;
}

/** A federated answer; `cut` is true when streams were stopped early (the worker should not be reused). */
export interface FederatedAnswer {
  readonly result: TaskResult;
  readonly cut: boolean;
}

const toJsonTerm = (t: Term): JsonTerm => {
  if (t.termType === 'NamedNode') return { type: 'uri', value: t.value };
  if (t.termType === 'BlankNode') return { type: 'bnode', value: t.value };
  if (t.language) return { type: 'literal', value: t.value, 'xml:lang': t.language };
  return { type: 'literal', value: t.value, ...(t.datatype ? { datatype: t.datatype.value } : {}) };
};

/** Collects at most max+1 items, then stops the stream; its later errors are ignored, never left unheard. */
const collect = <T>(stream: Stream<T>, max: number): Promise<T[]> =>
  new Promise((resolve, reject) => {
    const items: T[] = [];
    stream.on('error', reject);
    stream.on('data', (item) => {
      items.push(item);
      if (items.length === max + 1) {
        resolve(items);
        stream.destroy();
      }
    });
    stream.on('end', () => resolve(items));
  });

/** What each SERVICE endpoint did during one query, to name it when the query fails. */
class Upstreams {
  /** Requests sent and not yet wholly answered, by endpoint. */
  readonly pending = new Map<string, number>();
  /** The first endpoint that failed, and how. */
  failure: { endpoint: string; reason: string } | undefined;
  /** The last endpoint that answered at all. */
  contacted: string | undefined;

  begin(endpoint: string): () => void {
    this.pending.set(endpoint, (this.pending.get(endpoint) ?? 0) + 1);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      const n = (this.pending.get(endpoint) ?? 1) - 1;
      if (n > 0) this.pending.set(endpoint, n);
      else this.pending.delete(endpoint);
    };
  }

  fail(endpoint: string, reason: string): void {
    this.failure ??= { endpoint, reason };
  }
}

export class Federation {
  readonly #options: FederationOptions;
  readonly #allowed: ServiceAllowlist;
  readonly #QueryEngine: new () => unknown;
  readonly #source: N3Store;

  /** Builds the local source: an N3 store whose default graph is the merge of all named graphs, like the embedded store. */
  constructor(options: FederationOptions, QueryEngine: new () => unknown, nquads: string) {
    this.#options = options;
    this.#allowed = new ServiceAllowlist(options.serviceAllowlist);
    this.#QueryEngine = QueryEngine;
    const store = new N3Store();
    for (const q of new Parser({ format: 'N-Quads' }).parse(nquads)) {
      store.addQuad(q);
      store.addQuad(DataFactory.quad(q.subject, q.predicate, q.object));
    }
    this.#source = store;
  }

  /** Runs one local query, so that Comunica's lazy set-up is done before the first real one. */
  async warmUp(): Promise<void> {
    const engine = new this.#QueryEngine() as Engine;
    const result = await engine.query('SELECT * { ?s ?p ?o } LIMIT 1', { sources: [this.#source] });
    if (result.resultType === 'bindings') await collect(await result.execute(), 1);
  }

  /** Answers within the time limit; failures are StoreErrors naming the endpoint when one is to blame. */
  async query(request: FederateMessage): Promise<FederatedAnswer> {
    const refused = request.services.find((s) => !this.#allowed.allows(s));
    if (refused !== undefined) throw new StoreError('service_not_allowed', `SERVICE <${refused}> is not in the allowlist`);
    // Each query gets its own engine: Comunica caches sources with the context (fetch, abort signal) of the query that first used them.
    const engine = new this.#QueryEngine() as Engine;
    const abort = new AbortController();
    const upstreams = new Upstreams();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // Waiting on an endpoint when the time is up makes it the endpoint's fault (504); otherwise the query's (503).
        const waiting = [...upstreams.pending.keys()][0];
        abort.abort();
        const seconds = this.#options.timeoutMs / 1000;
        reject(
          waiting !== undefined
            ? new StoreError('upstream_timeout', `the SERVICE endpoint <${waiting}> did not answer within ${seconds} s (the limit)`)
            : new StoreError('timeout', `the federated query was stopped after ${seconds} s (the limit)`),
        );
      }, this.#options.timeoutMs);
    });
    let cut = true;
    try {
      const evaluation = this.#evaluate(engine, request, abort.signal, upstreams).catch((e: unknown) => {
        throw this.#named(e, upstreams);
      });
      const answer = await Promise.race([evaluation, timeout]);
      cut = answer.cut;
      return answer;
    } finally {
      clearTimeout(timer);
      // Streams still open are stopped; the worker is replaced after such a query, so nothing it left can outlive it.
      if (cut) abort.abort();
    }
  }

  /** A failure as the client should see it: the endpoint named when one failed, never the engine's own words. */
  #named(e: unknown, upstreams: Upstreams): StoreError {
    if (e instanceof StoreError) return e;
    if (upstreams.failure) return new StoreError('upstream', `the SERVICE endpoint <${upstreams.failure.endpoint}> ${upstreams.failure.reason}`);
    if (upstreams.contacted)
      return new StoreError('upstream', `the SERVICE endpoint <${upstreams.contacted}> sent an answer that could not be read`);
    // Nothing was fetched: Comunica refused the query itself (an unknown function, an unsupported feature). A
    // TypeError or the like is a bug, ours or the engine's.
    if (e instanceof Error && e.constructor === Error) return new StoreError('unsupported', 'the federated query could not be evaluated by the engine');
    return new StoreError('execution', 'the federated query failed');
  }

  async #evaluate(engine: Engine, request: FederateMessage, signal: AbortSignal, upstreams: Upstreams): Promise<FederatedAnswer> {
    const context = {
      sources: [this.#source],
      fetch: this.#guardedFetch(signal, upstreams),
      httpAbortSignal: signal,
      ...(this.#options.baseIri ? { baseIRI: this.#options.baseIri } : {}),
    };
    const result: ComunicaResult = await engine.query(this.#withDataset(request), context);
    const max = this.#options.maxRows;
    const mediaType = request.resultsMediaType;
    if (result.resultType === 'boolean') {
      const value = await result.execute();
      return { result: { kind: 'results', ...serializeResults({ head: {}, boolean: value }, mediaType, max) }, cut: false };
    }
    if (result.resultType === 'quads') {
      const quads = await collect(await result.execute(), max);
      const triples = quads.slice(0, max).map((q) => DataFactory.quad(q.subject, q.predicate, q.object));
      const body = await serializeQuads(triples, request.graphMediaType);
      const capped = quads.length > max;
      return { result: { kind: 'graph', body, triples: triples.length, capped }, cut: capped };
    }
    if (result.resultType !== 'bindings') throw new StoreError('execution', 'the query produced no result');
    // Comunica 5 lists variables as terms; earlier versions wrapped them as { variable, canBeUndef }.
    const variables = (await result.metadata()).variables.map((v) => ('variable' in v ? v.variable : v));
    const rows = await collect(await result.execute(), max);
    const bindings: JsonBinding[] = rows.map((b) => {
      const row: Record<string, JsonTerm> = {};
      for (const v of variables) {
        const t = b.get(v);
        if (t) row[v.value] = toJsonTerm(t);
      }
      return row;
    });
    const json = { head: { vars: variables.map((v) => v.value) }, results: { bindings } };
    const serialized = serializeResults(json, mediaType, max, undefined, request.columnOrder);
    return { result: { kind: 'results', ...serialized }, cut: serialized.capped };
  }

  /** Protocol default-graph-uri / named-graph-uri replace the query's own FROM / FROM NAMED. */
  #withDataset(request: FederateMessage): string {
    if (request.defaultGraphs.length + request.namedGraphs.length === 0) return request.query;
    const parsed = new sparqljs.Parser(this.#options.baseIri ? { baseIRI: this.#options.baseIri } : {}).parse(request.query);
    if (parsed.type !== 'query') throw new StoreError('syntax', 'only queries can be federated');
    parsed.from = {
      default: request.defaultGraphs.map((g) => DataFactory.namedNode(g)),
      named: request.namedGraphs.map((g) => DataFactory.namedNode(g)),
    };
    return new sparqljs.Generator().stringify(parsed);
  }

  /**
   * Comunica's only way out: a fetch that refuses every URL outside the allowlist, never follows a redirect
   * (it would reach a URL the allowlist never saw), and notes what each endpoint did.
   */
  #guardedFetch(signal: AbortSignal, upstreams: Upstreams): typeof fetch {
    return async (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (!this.#allowed.allowsRequest(url)) throw new Error(`fetching <${url}> is not allowed`);
      const endpoint = endpointOf(url);
      const end = upstreams.begin(endpoint);
      let response: Response;
      try {
        response = await fetch(input, { ...init, redirect: 'error', signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal });
      } catch (e) {
        end();
        if (!signal.aborted) upstreams.fail(endpoint, `could not be reached (${reason(e)})`);
        throw e;
      }
      upstreams.contacted = endpoint;
      if (!response.ok) upstreams.fail(endpoint, `answered with HTTP status ${response.status}`);
      if (!response.body) return end(), response;
      // The endpoint counts as pending until its whole body has arrived: a trickling answer is its fault too.
      const body = response.body.pipeThrough(new TransformStream({ flush: end }));
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    };
  }
}

/** Network failures in words a client can act on (undici's "fetch failed" hides the code in `cause`). */
const NETWORK_REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_SOCKET: 'connection closed',
};

/** A short, client-safe cause for a failed fetch; the engine's own wording never reaches the client. */
const reason = (e: unknown): string => {
  const cause = (e as { cause?: { code?: string } }).cause;
  return NETWORK_REASONS[cause?.code ?? (e as { code?: string }).code ?? ''] ?? 'network error';
};
