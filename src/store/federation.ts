// Answers queries with SERVICE clauses through Comunica: the local data plus allowlisted remote endpoints only.
import { DataFactory, Parser, Store as N3Store, type Quad } from 'n3';
import sparqljs from 'sparqljs';
import { serializeQuads } from '../rdf/serialize.ts';
import { serializeResults, type JsonBinding, type JsonTerm } from './sparql-results.ts';
import { StoreError, type QueryAnswer, type QueryRequest, type StoreLimits } from './store.ts';
import { ServiceAllowlist } from './service-allowlist.ts';

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

export interface FederationOptions extends StoreLimits {
  /** SERVICE endpoints the server may contact; nothing else is ever fetched. */
  readonly serviceAllowlist: readonly string[];
  readonly baseIri?: string | undefined;
}

const toJsonTerm = (t: Term): JsonTerm => {
  if (t.termType === 'NamedNode') return { type: 'uri', value: t.value };
  if (t.termType === 'BlankNode') return { type: 'bnode', value: t.value };
  if (t.language) return { type: 'literal', value: t.value, 'xml:lang': t.language };
  return { type: 'literal', value: t.value, ...(t.datatype ? { datatype: t.datatype.value } : {}) };
};

/** Collects at most max+1 items, then stops the stream. */
const collect = <T>(stream: Stream<T>, max: number): Promise<T[]> =>
  new Promise((resolve, reject) => {
    const items: T[] = [];
    stream.on('data', (item) => {
      items.push(item);
      if (items.length > max) {
        stream.destroy();
        resolve(items);
      }
    });
    stream.on('end', () => resolve(items));
    stream.on('error', reject);
  });

export class Federation {
  readonly #options: FederationOptions;
  readonly #allowed: ServiceAllowlist;
  #comunica: Promise<typeof import('@comunica/query-sparql')> | undefined;
  #source: N3Store | undefined;
  #nquads: string | undefined;

  constructor(options: FederationOptions) {
    this.#options = options;
    this.#allowed = new ServiceAllowlist(options.serviceAllowlist);
  }

  /** Remembers the data; the local source is built on the first federated query. */
  load(nquads: string): void {
    this.#nquads = nquads;
    this.#source = undefined;
  }

  async query(request: QueryRequest): Promise<QueryAnswer> {
    const refused = request.services.filter((s) => !this.#allowed.allows(s));
    if (refused.length > 0) throw new StoreError('service_not_allowed', `SERVICE <${refused[0]}> is not in the allowlist`);
    // Loading Comunica (once, ~2 s) does not count against the query's time. Each query gets its own engine:
    // Comunica caches sources with the context (fetch, abort signal) of the query that first used them.
    const { QueryEngine } = await (this.#comunica ??= import('@comunica/query-sparql'));
    const engine = new QueryEngine() as unknown as Engine;
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(new StoreError('timeout', `the federated query was stopped after ${this.#options.timeoutMs / 1000} s (the limit)`));
      }, this.#options.timeoutMs);
    });
    try {
      // Whatever fails while evaluating (a refused fetch, a remote error) is an execution failure of the query.
      const evaluation = this.#evaluate(engine, request, abort.signal).catch((e: unknown) => {
        throw e instanceof StoreError ? e : new StoreError('execution', (e as Error).message);
      });
      return await Promise.race([evaluation, timeout]);
    } finally {
      clearTimeout(timer);
      abort.abort();
    }
  }

  async #evaluate(engine: Engine, request: QueryRequest, signal: AbortSignal): Promise<QueryAnswer> {
    const context = {
      sources: [this.#localSource()],
      fetch: this.#guardedFetch(signal),
      httpAbortSignal: signal,
      ...(this.#options.baseIri ? { baseIRI: this.#options.baseIri } : {}),
    };
    const result: ComunicaResult = await engine.query(this.#withDataset(request), context);
    const max = this.#options.maxRows;
    const mediaType = request.resultsMediaType;
    if (result.resultType === 'boolean') {
      const value = await result.execute();
      return { kind: 'results', ...serializeResults({ head: {}, boolean: value }, mediaType, max), mediaType };
    }
    if (result.resultType === 'quads') {
      const quads = await collect(await result.execute(), max);
      const triples = quads.slice(0, max).map((q) => DataFactory.quad(q.subject, q.predicate, q.object));
      const body = await serializeQuads(triples, request.graphMediaType);
      return { kind: 'graph', body, mediaType: request.graphMediaType, triples: triples.length, capped: quads.length > max };
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
    return { kind: 'results', ...serializeResults(json, mediaType, max), mediaType };
  }

  /** The local data as an N3 store whose default graph is the merge of all named graphs, like the embedded store. */
  #localSource(): N3Store {
    if (this.#source) return this.#source;
    if (this.#nquads === undefined) throw new StoreError('unavailable', 'no dataset is loaded');
    const store = new N3Store();
    for (const q of new Parser({ format: 'N-Quads' }).parse(this.#nquads)) {
      store.addQuad(q);
      store.addQuad(DataFactory.quad(q.subject, q.predicate, q.object));
    }
    return (this.#source = store);
  }

  /** Protocol default-graph-uri / named-graph-uri replace the query's own FROM / FROM NAMED. */
  #withDataset(request: QueryRequest): string {
    if (request.defaultGraphs.length + request.namedGraphs.length === 0) return request.query;
    const parsed = new sparqljs.Parser(this.#options.baseIri ? { baseIRI: this.#options.baseIri } : {}).parse(request.query);
    if (parsed.type !== 'query') throw new StoreError('syntax', 'only queries can be federated');
    parsed.from = {
      default: request.defaultGraphs.map((g) => DataFactory.namedNode(g)),
      named: request.namedGraphs.map((g) => DataFactory.namedNode(g)),
    };
    return new sparqljs.Generator().stringify(parsed);
  }

  /** Comunica's only way out: a fetch that refuses every URL outside the allowlist. */
  #guardedFetch(signal: AbortSignal): typeof fetch {
    return (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (!this.#allowed.allows(url)) return Promise.reject(new Error(`fetching <${url}> is not allowed`));
      // Redirects are refused too: following one would reach a URL the allowlist never saw.
      return fetch(input, { ...init, redirect: 'error', signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal });
    };
  }
}
