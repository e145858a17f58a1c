// One worker thread holding one in-memory Oxigraph store: loads the dataset, then answers one task at a time.
import { parentPort } from 'node:worker_threads';
import { Parser } from 'n3';
import { namedNode, Store } from 'oxigraph';
import { serializeQuads } from '../rdf/serialize.ts';
import { UnrepresentableError } from '../rdf/unrepresentable.ts';
import { serializeResults, type SparqlJson } from './sparql-results.ts';
import type { TextPosition } from './store.ts';
import { workerMemoryMb, type FromWorker, type QueryMessage, type TaskMessage, type TaskResult, type ToWorker } from './worker-protocol.ts';

if (!parentPort) throw new Error('oxigraph-worker must run in a worker thread');
const port = parentPort;
let store = new Store();
let baseIri: string | undefined;

const send = (message: FromWorker) => port.postMessage(message);

/** Loads N-Quads and materializes the default graph as the RDF merge (a set) of all named graphs. */
const load = (nquads: Uint8Array) => {
  store = new Store();
  store.load(nquads, { format: 'application/n-quads' });
  store.update('INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }');
  return store.size;
};

const datasetOptions = (m: QueryMessage) =>
  m.defaultGraphs.length + m.namedGraphs.length === 0
    ? {}
    : { default_graph: m.defaultGraphs.map(namedNode), named_graphs: m.namedGraphs.map(namedNode) };

const capLines = (text: string, maxLines: number) => {
  let end = -1;
  for (let i = 0; i < maxLines; i++) {
    end = text.indexOf('\n', end + 1);
    if (end < 0) return { text, capped: false };
  }
  const capped = end + 1 < text.length;
  return { text: capped ? text.slice(0, end + 1) : text, capped };
};

/** Where a parse error is: Oxigraph reports them as "error at LINE:COLUMN: …"; other failures give undefined. */
const syntaxPosition = (e: unknown): TextPosition | undefined => {
  const at = /^error at (\d+):(\d+)/.exec((e as Error)?.message ?? String(e));
  return at ? { line: Number(at[1]), column: Number(at[2]) } : undefined;
};

/** The engine refused to evaluate a query it parsed (e.g. "The custom function <…> is not supported"): the query's fault. */
class Unsupported extends Error {}

/** Runs one query; an ordinary engine error that is neither a syntax error nor a broken engine is the query's own. */
const evaluate = (text: string, options: Record<string, unknown>): string => {
  try {
    return store.query(text, options) as string;
  } catch (e) {
    if (engineBroken(e) || syntaxPosition(e)) throw e;
    throw new Unsupported((e as Error).message);
  }
};

const runQuery = async (m: QueryMessage): Promise<TaskResult> => {
  const options = { base_iri: baseIri, ...datasetOptions(m) };
  if (m.form === 'SELECT' || m.form === 'ASK') {
    const json = { ...options, results_format: 'application/sparql-results+json' };
    let raw: string;
    try {
      raw = evaluate(m.pushLimit ? `${m.query}\nLIMIT ${m.maxRows + 1}` : m.query, json);
    } catch (e) {
      // The appended LIMIT only helps; if it made the text unparsable (the caller's hint was wrong), run the
      // query as written. Any other failure is the query's own and is not run twice.
      if (!m.pushLimit || !syntaxPosition(e)) throw e;
      raw = evaluate(m.query, json);
    }
    const { body, rows, capped } = serializeResults(JSON.parse(raw) as SparqlJson, m.resultsMediaType, m.maxRows, raw, m.columnOrder);
    return { kind: 'results', body, rows, capped };
  }
  const nt = evaluate(m.query, { ...options, results_format: 'application/n-triples' });
  const { text, capped } = capLines(nt, m.maxRows);
  const quads = new Parser({ format: 'N-Triples' }).parse(text);
  return { kind: 'graph', body: await serializeQuads(quads, m.graphMediaType), triples: quads.length, capped };
};

const stats = (): TaskResult => {
  const rows = (q: string) =>
    (JSON.parse(store.query(q, { results_format: 'application/sparql-results+json' }) as string) as SparqlJson).results
      ?.bindings ?? [];
  const count = (v: unknown) => Number((v as { value?: string } | undefined)?.value ?? 0);
  const graphs = rows('SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g').map((b) => ({
    iri: b['g']?.value as string,
    triples: count(b['n']),
  }));
  return { kind: 'stats', defaultGraphTriples: count(rows('SELECT (COUNT(*) AS ?n) { ?s ?p ?o }')[0]?.['n']), graphs };
};

/**
 * A failure that is not an ordinary query error: a WASM trap ("memory access out of bounds" from a stack
 * overflow, "unreachable" from a panic) leaves the engine's memory in an unknown state, and a RangeError
 * (call stack, string length) means the answer outgrew what one query may use.
 */
const engineBroken = (e: unknown): boolean => e instanceof WebAssembly.RuntimeError || e instanceof RangeError || !(e instanceof Error);

const run = async (m: TaskMessage): Promise<TaskResult> => {
  switch (m.op) {
    case 'query':
      return runQuery(m);
    case 'describe': {
      const nt = store.query(`DESCRIBE <${m.iri}>`, { results_format: 'application/n-triples' }) as string;
      return { kind: 'triples', ntriples: nt, capped: false };
    }
    case 'stats':
      return stats();
    case 'federate':
      throw new Error('federated queries are not run by the Oxigraph worker');
  }
};

port.on('message', async (m: ToWorker) => {
  if (m.op === 'load') {
    try {
      baseIri = m.baseIri;
      load(m.nquads);
      send({ op: 'loaded' });
    } catch (e) {
      send({ op: 'load-failed', message: (e as Error).message });
    }
    return;
  }
  try {
    const result = await run(m);
    send({ op: 'done', id: m.id, result, memoryMb: workerMemoryMb() });
  } catch (e) {
    if (engineBroken(e)) {
      // The engine's own words ("memory access out of bounds") mean nothing to a client and are not shown.
      const message = 'the query needs more memory or deeper nesting than one query may use; simplify it';
      send({ op: 'failed', id: m.id, code: 'too_costly', message, memoryMb: workerMemoryMb(), replace: true });
      return;
    }
    const message = (e as Error).message;
    const position = syntaxPosition(e);
    const code = position ? 'syntax' : e instanceof Unsupported ? 'unsupported' : e instanceof UnrepresentableError ? 'unrepresentable' : 'execution';
    send({ op: 'failed', id: m.id, code, message, memoryMb: workerMemoryMb(), ...(position ? { position } : {}) });
  }
});
