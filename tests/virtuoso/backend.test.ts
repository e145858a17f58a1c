// The Virtuoso backend keeps the embedded store's promises: same answers to queries/, no fetching on a client's behalf,
// no system graphs, capped and timed-out answers said so, stateless servers, and a load that swaps in whole or not at all.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convert } from '../../src/convert/index.ts';
import { toNQuads } from '../../src/rdf/serialize.ts';
import { classifyQuery } from '../../src/server/lib/query-classify.ts';
import { createLocalStore, createStore, runSql, slotsOf, type SparqlJson, type Store } from '../../src/store/index.ts';
import { getTargetOf, httpRequestOf, MAX_GET_TARGET } from '../../src/store/virtuoso/endpoint.ts';
import { readJsonResults } from '../../src/store/virtuoso/results.ts';
import { GRAPH_A, GRAPH_B, HEAVY_QUERY, loadedStore, MINI_NQ, MINI_VERSION, testApp, testConfig, type TestApp } from '../helpers.ts';

const BASE = 'http://localhost:3000/';
const files = readdirSync('queries').filter((f) => f.endsWith('.rq')).sort();

/** A solution as a canonical string, so that answers compare as multisets (blank node labels aside: the data has none). */
const solutions = (body: string): string[] => {
  const json = JSON.parse(body) as SparqlJson;
  if (typeof json.boolean === 'boolean') return [String(json.boolean)];
  return (json.results?.bindings ?? []).map((b) => JSON.stringify(Object.entries(b).sort(([a], [c]) => a.localeCompare(c)))).sort();
};

const ask = (store: Store, query: string) => {
  const c = classifyQuery(query, BASE);
  return store.query({ query, form: c.form, services: c.services, defaultGraphs: [], namedGraphs: [], resultsMediaType: 'application/sparql-results+json', graphMediaType: 'application/n-triples', limit: c.limit, trailingValues: c.trailingValues });
};

describe('queries/ on both backends', () => {
  let embedded: Store;
  let virtuoso: Store;
  beforeAll(async () => {
    const { quads, manifest } = await convert({ root: process.cwd(), baseIri: BASE });
    const nquads = toNQuads(quads);
    const config = testConfig({ maxRows: 10_000, timeoutMs: 30_000 });
    embedded = createLocalStore({ ...config.sparql, baseIri: BASE });
    virtuoso = createStore(config);
    await Promise.all([embedded.load(nquads, manifest.version), virtuoso.load(nquads, manifest.version)]);
  }, 180_000);
  afterAll(async () => {
    await embedded?.close();
    await virtuoso?.close();
  });

  it('gives the same solutions (as multisets) to every query without SERVICE, and the same stats', async () => {
    let compared = 0;
    for (const f of files) {
      const query = readFileSync(`queries/${f}`, 'utf8');
      if (classifyQuery(query, BASE).services.length > 0) continue;
      const a = await ask(embedded, query);
      const b = await ask(virtuoso, query).catch((e: Error) => ({ body: `{"error": ${JSON.stringify(`${f}: ${e.message}`)}}` }));
      expect(a.kind, f).toBe('results');
      expect((JSON.parse(b.body) as { error?: string }).error).toBeUndefined();
      // Known Virtuoso difference (README): it keeps one datatype per integer value, so "1005"^^xsd:integer and
      // "1005"^^xsd:nonNegativeInteger in one dataset come back with the same datatype. Only that difference is let through.
      const integers = (x: string[]) => x.map((r) => r.replaceAll('XMLSchema#nonNegativeInteger', 'XMLSchema#integer')).sort();
      const [sa, sb] = f === '08-quotes-and-offsets.rq' ? [integers(solutions(a.body)), integers(solutions(b.body))] : [solutions(a.body), solutions(b.body)];
      expect({ f, onlyVirtuoso: sb.filter((x) => !sa.includes(x)).slice(0, 2), onlyEmbedded: sa.filter((x) => !sb.includes(x)).slice(0, 2) }).toEqual({ f, onlyVirtuoso: [], onlyEmbedded: [] });
      expect(sb, f).toEqual(sa);
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(10);
    expect(await virtuoso.stats()).toEqual(await embedded.stats());
  });

  it('answers terms of every kind as the embedded store does, C0 controls too (which Virtuoso\'s XML cannot carry)', async () => {
    const kinds = (x: string) =>
      `SELECT ?x ?ja ?n ?u ?b WHERE { BIND(${x} AS ?x) BIND(STRLANG("将来像 <&>", "ja") AS ?ja) BIND(STRDT("5", <http://www.w3.org/2001/XMLSchema#integer>) AS ?n) BIND(IRI("http://example.org/a?x=1&y=2") AS ?u) OPTIONAL { ?b <urn:x-none> ?nothing } }`;
    const queries = [kinds('"tab\\tline\\r\\n\\"quoted\\" & 😀"'), kinds('"a\\u0001b\\u000Bc"'), 'ASK { ?s ?p ?o }', 'ASK { ?s <urn:x-none> ?o }'];
    for (const query of queries) {
      const [a, b] = await Promise.all([ask(embedded, query), ask(virtuoso, query)]);
      expect(solutions(b.body), query).toEqual(solutions(a.body));
      expect(solutions(b.body).length, query).toBe(1);
    }
    expect(solutions((await ask(virtuoso, queries[1]!)).body)[0]).toContain(JSON.stringify({ type: 'literal', value: 'a\u0001b\u000bc' }));
  });

  it('gives isomorphic graphs to CONSTRUCT and DESCRIBE', async () => {
    for (const query of [
      `CONSTRUCT { ?s <${BASE}x> ?o } WHERE { ?s a <https://w3id.org/jp-plan/def#Goal> ; <http://www.w3.org/2000/01/rdf-schema#label> ?o }`,
      `DESCRIBE <${BASE}id/132101>`,
      `DESCRIBE ?g WHERE { ?g a <https://w3id.org/jp-plan/def#Goal> } LIMIT 3`,
    ]) {
      const [a, b] = await Promise.all([ask(embedded, query), ask(virtuoso, query)]);
      const lines = (s: string) => s.split('\n').filter(Boolean).sort();
      expect(lines(b.body), query).toEqual(lines(a.body));
      expect(lines(b.body).length, query).toBeGreaterThan(0);
    }
  });
});

describe('over HTTP on Virtuoso', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp({ maxRows: 3, timeoutMs: 1_500 });
  });
  afterAll(() => t.close());
  const get = (query: string, accept = 'application/sparql-results+json') =>
    t.app.inject({ url: `/sparql?query=${encodeURIComponent(query)}`, headers: { accept } });

  it('never shows Virtuoso system graphs: GRAPH ?g, FROM a system graph, the default graph and stats hold only the build', async () => {
    const graphs = await get('SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g');
    expect(graphs.statusCode).toBe(200);
    expect(graphs.json().results.bindings.map((b: { g: { value: string } }) => b.g.value)).toEqual([GRAPH_B, GRAPH_A].sort());
    const system = await get('SELECT (COUNT(*) AS ?n) FROM <http://www.openlinksw.com/schemas/virtrdf#> { ?s ?p ?o }');
    expect(system.json().results.bindings[0].n.value).toBe('0');
    const marker = await get('SELECT (COUNT(*) AS ?n) FROM <urn:x-jp-plan-lod:build> { ?s ?p ?o }');
    expect(marker.json().results.bindings[0].n.value).toBe('0');
    // The graph group the store reads the default graph through is not a graph a client can name.
    const group = await get('SELECT (COUNT(*) AS ?n) FROM <urn:x-jp-plan-lod:graphs> { ?s ?p ?o }');
    expect(group.json().results.bindings[0].n.value).toBe('0');
    const all = await get('SELECT (COUNT(*) AS ?n) { ?s ?p ?o }');
    const stats = await t.store.stats();
    expect(Number(all.json().results.bindings[0].n.value)).toBe(stats.defaultGraphTriples);
    expect(stats.graphs.map((g) => g.iri)).toEqual([GRAPH_B, GRAPH_A].sort());
  });

  it('says when the row cap cut an answer (X-SPARQL-Capped), for SELECT and CONSTRUCT', async () => {
    const r = await get('SELECT * { ?s ?p ?o }');
    expect(r.statusCode).toBe(200);
    expect(r.headers['x-sparql-capped']).toBe('true; rows=3');
    expect(r.json().results.bindings).toHaveLength(3);
    const g = await get('CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }', 'application/n-triples');
    expect(g.headers['x-sparql-capped']).toBe('true; triples=3');
    const exact = await get('SELECT * { ?s ?p ?o } LIMIT 2');
    expect(exact.headers['x-sparql-capped']).toBeUndefined();
  });

  it('answers 503 when the query outlives the timeout, never a partial ("anytime") answer', async () => {
    const started = Date.now();
    const r = await get(HEAVY_QUERY);
    expect(r.statusCode).toBe(503);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(r.body).not.toMatch(/virtuoso|S1TAT/i);
  });

  it('answers a malformed query 400 with the position from our parser, with no Virtuoso text', async () => {
    const r = await get('SELECT * WHERE { ?s ?p }');
    expect(r.statusCode).toBe(400);
    expect(r.body).toMatch(/line 1/i);
    expect(r.body).not.toMatch(/virtuoso|SP030/i);
  });
});

describe('SERVICE over a build larger than an in-memory copy may be', () => {
  it('is refused with a message naming EMBEDDED_MAX_QUADS, and the other queries are answered', async () => {
    const store = createStore(testConfig({ embeddedMaxQuads: 2, serviceAllowlist: ['http://127.0.0.1:9/sparql'] }));
    try {
      await store.load(MINI_NQ, MINI_VERSION);
      const request = (query: string) => ({ ...classifyQuery(query, BASE), query, defaultGraphs: [], namedGraphs: [], resultsMediaType: 'application/sparql-results+json' as const, graphMediaType: 'application/n-triples' as const });
      const federated = store.query(request('SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }'));
      await expect(federated).rejects.toMatchObject({ code: 'unsupported', message: expect.stringMatching(/at most 2 quads \(EMBEDDED_MAX_QUADS\); this dataset has \d+/) });
      expect((await store.query(request('ASK { ?s ?p ?o }'))).body).toContain('true');
    } finally {
      await store.close();
    }
  });
});

describe('Virtuoso never fetches on a client\'s behalf', () => {
  let listener: Server;
  let hits: string[];
  let url: string;
  beforeAll(async () => {
    hits = [];
    listener = createServer((req, res) => {
      hits.push(`${req.method} ${req.url}`);
      res.end('<http://e/s> <http://e/p> "o" .\n');
    });
    await new Promise<void>((r) => listener.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => listener.close(() => r())));

  it('refuses SERVICE and the sponger for the user the server queries as, asked directly or through the server', async () => {
    const [slot] = slotsOf(testConfig().virtuoso);
    const direct = [
      `SELECT * { SERVICE <${url}/sparql> { ?s ?p ?o } }`,
      `define get:soft "replace" SELECT * FROM <${url}/doc> { ?s ?p ?o }`,
      `define get:soft "soft" SELECT * { GRAPH <${url}/doc2> { ?s ?p ?o } }`,
      `LOAD <${url}/doc3>`,
    ];
    for (const query of direct) await fetch(slot!.endpoint.url, { method: 'POST', body: new URLSearchParams({ query }) });
    const t = await testApp();
    try {
      const r = await t.app.inject({ url: `/sparql?query=${encodeURIComponent(`SELECT * { SERVICE <${url}/sparql> { ?s ?p ?o } }`)}` });
      expect(r.statusCode).toBe(400);
    } finally {
      await t.close();
    }
    expect(hits).toEqual([]);
  });
});

describe('stateless servers and whole-dataset swaps', () => {
  it('two servers on one Virtuoso give identical answers and ETags', async () => {
    const [a, b] = [await testApp(), await testApp()];
    try {
      for (const url of ['/sparql?query=' + encodeURIComponent('SELECT ?s ?l { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?s ?l'), '/sparql?query=' + encodeURIComponent('CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o'), '/sparql']) {
        const [ra, rb] = await Promise.all([a.app.inject({ url }), b.app.inject({ url })]);
        expect(ra.statusCode, `${url} ${ra.body}`).toBe(200);
        expect(rb.body, url).toBe(ra.body);
        expect(rb.headers.etag, url).toBe(ra.headers.etag);
      }
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('loads a new build beside the serving one and switches whole; a build that fails to load leaves the old one serving', async () => {
    const config = testConfig();
    const store = await loadedStore(config);
    try {
      const count = async () => Number((JSON.parse((await ask(store, 'SELECT (COUNT(*) AS ?n) { ?s ?p ?o }')).body) as SparqlJson).results!.bindings[0]!['n']!.value);
      const before = await count();
      const next = '<http://e/a> <http://e/p> "x" <http://e/g1> .\n<http://e/b> <http://e/p> "y" <http://e/g2> .\n';
      const seen: number[] = [];
      let loading = true;
      const load = store.load(next, 'swap-test-v2').finally(() => (loading = false));
      while (loading) seen.push(await count());
      await load;
      expect(seen.every((n) => n === before || n === 2)).toBe(true);
      expect(await count()).toBe(2);
      expect(store.version).toBe('swap-test-v2');
      // The fixture's slot was not touched: another store still finds it whole.
      const other = await loadedStore(config);
      expect(other.version).toBe(MINI_VERSION);
      await other.close();
      await expect(store.load('<http://e/a> <http://e/p> "unterminated <http://e/g> .\n', 'broken')).rejects.toThrow();
      expect(store.version).toBe('swap-test-v2');
      expect(await count()).toBe(2);
    } finally {
      await store.close();
    }
  });
});


describe('the load', () => {
  it('counts through isql (outside the endpoint execution cap), stopped at its own timeout with a message that says so', async () => {
    const [slot] = slotsOf(testConfig().virtuoso);
    const out = await runSql(slot!.sql, `SPARQL SELECT (CONCAT("N=", STR(COUNT(*))) AS ?n) WHERE { ?s ?p ?o };\n`, undefined, 30_000);
    expect(Number(/N=(\d+)/.exec(out)?.[1])).toBeGreaterThan(0);
    const started = Date.now();
    await expect(runSql(slot!.sql, 'delay(20);\n', undefined, 500)).rejects.toThrow(/stopped after 0\.5 s \(the limit\)/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe("the endpoint's request", () => {
  it('carries the whole query, whether it is sent with GET (up to MAX_GET_TARGET, below where Virtuoso cuts a request line) or POSTed', async () => {
    const { endpoint } = slotsOf(testConfig().virtuoso)[0]!;
    const timeoutMs = 30_000;
    const query = (n: number, pad = 0) => `SELECT (COUNT(*) AS ?n) WHERE { VALUES ?x { ${Array.from({ length: n }, (_, i) => `"${i}"`).join(' ')}${' '.repeat(pad)} } }`;
    const request = (q: string) => ({ query: q, accept: 'application/sparql-results+json', timeoutMs });
    // The target the query would be sent with by GET, however long (httpRequestOf's own is a POST's past the limit).
    const target = (q: string) => getTargetOf(endpoint.url, request(q)).length;
    // As many values as fit, then spaces (one byte each, encoded) up to the limit exactly; then one byte more; then 50 KB
    // (of spaces: Virtuoso compiles a VALUES of a few thousand rows into more code than it allows).
    let n = 1;
    while (target(query(n + 1)) <= MAX_GET_TARGET) n++;
    const atLimit = query(n, MAX_GET_TARGET - target(query(n)));
    expect(target(atLimit)).toBe(MAX_GET_TARGET);
    const cases = [[atLimit, 'GET'], [`${atLimit} `, 'POST'], [query(n, 50_000), 'POST']] as const;
    for (const [q, method] of cases) {
      expect(httpRequestOf(endpoint.url, request(q)).method).toBe(method);
      const { body } = await endpoint.request(request(q));
      expect(Number(readJsonResults(body).results!.bindings[0]!['n']!.value)).toBe(n);
    }
  });
});

describe('the default graph is the merge of the graphs', () => {
  const count = async (store: Store, query: string) => Number((JSON.parse((await ask(store, query)).body) as SparqlJson).results!.bindings[0]!['n']!.value);
  const all = 'SELECT (COUNT(*) AS ?n) { ?s ?p ?o }';
  const inGraphs = 'SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }';

  it('holds a triple of two graphs once, with or without blank nodes (which keep their identity across the two)', async () => {
    const store = await loadedStore(testConfig());
    try {
      // No blank node: the merge is loaded by the bulk loader from a second file.
      const shared = '<http://e/a> <http://e/p> "x" <http://e/g1> .\n<http://e/a> <http://e/p> "x" <http://e/g2> .\n<http://e/b> <http://e/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> <http://e/g2> .\n';
      await store.load(shared, 'merge-by-loader');
      expect(await count(store, inGraphs)).toBe(3);
      expect(await count(store, all)).toBe(2);
      // A blank node in two graphs: the merge is made inside Virtuoso, so the node is the same one in both graphs.
      const blank = '_:n <http://e/p> "x" <http://e/g1> .\n_:n <http://e/p> "x" <http://e/g2> .\n_:n <http://e/q> <http://e/c> <http://e/g2> .\n';
      await store.load(blank, 'merge-by-insert');
      expect(await count(store, inGraphs)).toBe(3);
      expect(await count(store, all)).toBe(2);
      expect(await count(store, 'SELECT (COUNT(*) AS ?n) { ?b <http://e/q> <http://e/c> . GRAPH ?g { ?b <http://e/p> "x" } }')).toBe(2);
      // No triple in two graphs: the graphs read together are the merge, and no copy is kept.
      await store.load('<http://e/a> <http://e/p> "x" <http://e/g1> .\n<http://e/b> <http://e/p> "y" <http://e/g2> .\n', 'no-merge');
      expect(await count(store, all)).toBe(2);
      expect(await count(store, inGraphs)).toBe(2);
    } finally {
      await store.close();
    }
  });

  it("takes the build's count of the merge (equal to the graphs': no copy; above them: refused before the slot is touched), and refuses quads in graphs the build does not name", async () => {
    const store = await loadedStore(testConfig());
    const shared = '<http://e/a> <http://e/p> "x" <http://e/g1> .\n<http://e/a> <http://e/p> "x" <http://e/g2> .\n<http://e/b> <http://e/p> "y" <http://e/g2> .\n';
    try {
      // The build counts two distinct triples of three: the merge is loaded and holds them.
      await store.load({ text: () => shared, mergeTriples: 2 }, 'merge-counted');
      expect(await count(store, all)).toBe(2);
      expect((await store.stats()).defaultGraphTriples).toBe(2);
      // A build that counts as many as its graphs hold is taken at its word: the graphs are read together, uncopied
      // (here the claim is false, which shows that the data was not read again to check it).
      await store.load({ text: () => shared, mergeTriples: 3 }, 'merge-trusted');
      expect(await count(store, all)).toBe(3);
      expect((await store.stats()).defaultGraphTriples).toBe(3);
      // More triples in the merge than in the graphs is no build's count: refused, and the loaded slot still answers.
      await expect(store.load({ text: () => shared, mergeTriples: 4 }, 'merge-impossible')).rejects.toThrow(/counts 4 triples in the merge of its graphs, more than the 3 of the graphs/);
      expect(await count(store, all)).toBe(3);
      // Quads in a graph the build does not name are seen in the slot's total, which the count by graph cannot see.
      const counts = new Map([['http://e/g1', 1], ['http://e/g2', 2]]);
      const extra = `${shared}<http://e/c> <http://e/p> "z" <http://e/g3> .\n`;
      await expect(store.load({ text: () => extra, graphCounts: counts }, 'unnamed-graph')).rejects.toThrow(/the slot took 4 quads, the build's graphs hold 3/);
    } finally {
      await store.close();
    }
  });
});
