// The embedded store: loading, the merged default graph, protocol datasets, caps, timeouts, DESCRIBE and reloads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreError, type QueryRequest, type Store } from '../../src/store/index.ts';
import { GRAPH_A, GRAPH_B, HEAVY_QUERY, loadedStore, MUNICIPALITY, PROLOGUE, testConfig } from '../helpers.ts';

let store: Store;
beforeAll(async () => {
  // Time enough for a fresh worker's first query on a loaded machine; the overrun test waits this long.
  store = await loadedStore(testConfig({ workers: 2, maxRows: 4, timeoutMs: 2_000 }));
});
afterAll(() => store.close());

const select = (query: string, more: Partial<QueryRequest> = {}): QueryRequest => ({
  query,
  form: 'SELECT',
  services: [],
  defaultGraphs: [],
  namedGraphs: [],
  resultsMediaType: 'text/csv',
  graphMediaType: 'text/turtle',
  ...more,
});
const csv = async (query: string, more: Partial<QueryRequest> = {}) => {
  const answer = await store.query(select(query, more));
  if (answer.kind !== 'results') throw new Error('expected results');
  return answer;
};

describe('embedded store', () => {
  it('reports the loaded version and per-graph triple counts', async () => {
    expect(store.version).toBe('0123456789abcdef');
    expect(await store.stats()).toEqual({
      defaultGraphTriples: 49,
      graphs: [
        { iri: GRAPH_B, triples: 21 },
        { iri: GRAPH_A, triples: 31 },
      ],
    });
  });

  it('queries the merge of all graphs by default, and the protocol dataset when given', async () => {
    const count = `${PROLOGUE}SELECT (COUNT(*) AS ?n) { ?s a jpp:Measure }`;
    expect((await csv(count)).body).toBe('n\r\n3\r\n');
    expect((await csv(count, { defaultGraphs: [GRAPH_A] })).body).toBe('n\r\n1\r\n');
    expect((await csv('SELECT ?g { GRAPH ?g { ?s ?p ?o } } LIMIT 1', { defaultGraphs: [GRAPH_A], namedGraphs: [] })).body).toBe('g\r\n');
  });

  it('resolves relative IRIs against the base IRI', async () => {
    expect((await csv('SELECT (COUNT(*) AS ?n) { <id/132101> ?p ?o }')).body).toBe('n\r\n3\r\n');
  });

  it('caps rows, with or without an ORDER BY, and says so', async () => {
    const ordered = await csv(`${PROLOGUE}SELECT ?l { ?s rdfs:label ?l } ORDER BY DESC(?l)`);
    expect(ordered.capped).toBe(true);
    expect(ordered.rows).toBe(4);
    expect(ordered.body.split('\r\n')[1]).toBe('情報発信');
    const values = await csv('SELECT ?s { ?s ?p ?o } VALUES ?p { <http://www.w3.org/2000/01/rdf-schema#label> }', { trailingValues: true });
    expect([values.rows, values.capped]).toEqual([4, true]);
  });

  it('answers CONSTRUCT and DESCRIBE with triples', async () => {
    const answer = await store.query(select(`${PROLOGUE}CONSTRUCT { ?s a jpp:Plan } WHERE { ?s a jpp:Plan }`, { form: 'CONSTRUCT' }));
    expect(answer.kind === 'graph' && [answer.triples, answer.mediaType]).toEqual([2, 'text/turtle']);
    const cbd = await store.describe(MUNICIPALITY);
    expect(cbd.map((q) => q.predicate.value).sort()).toEqual([
      'http://www.w3.org/1999/02/22-rdf-syntax-ns#type',
      'http://www.w3.org/2000/01/rdf-schema#label',
      'http://www.w3.org/2000/01/rdf-schema#label',
    ]);
    await expect(store.describe('not an iri>')).rejects.toMatchObject({ code: 'syntax' });
  });

  it('stops an overrunning query, and keeps answering', async () => {
    const error = await store.query(select(HEAVY_QUERY)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('timeout');
    expect((await csv('ASK { ?s ?p ?o }', { form: 'ASK' })).body).toBe('_askResult\r\ntrue\r\n');
  });

  it('reports engine syntax errors as such', async () => {
    await expect(store.query(select('SELECT * {'))).rejects.toMatchObject({ code: 'syntax', position: { line: 1 } });
  });

  it('swaps in a new dataset on load', async () => {
    const other = await loadedStore(testConfig(), '<http://e/a> <http://e/p> "x" <http://e/g> .\n');
    await other.load('<http://e/b> <http://e/p> "y" <http://e/g> .\n', 'v2');
    expect(other.version).toBe('v2');
    const answer = await other.query(select('SELECT ?s { ?s ?p ?o }'));
    expect(answer.kind === 'results' && answer.body).toBe('s\r\nhttp://e/b\r\n');
    await other.close();
    await expect(other.query(select('ASK {}', { form: 'ASK' }))).rejects.toMatchObject({ code: 'unavailable' });
  });
});
