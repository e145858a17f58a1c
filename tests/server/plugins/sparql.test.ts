// The SPARQL Protocol endpoint through app.inject: forms, media types, datasets, errors, ETags and CORS.
import { gunzipSync } from 'node:zlib';
import { Parser } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, GRAPH_A, GRAPH_B, MUNICIPALITY, PROLOGUE, testApp, type TestApp } from '../../helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ maxRows: 1000 });
});
afterAll(() => t.close());

const get = (query: string, headers: Record<string, string> = {}, extra = '') =>
  t.app.inject({ method: 'GET', url: `/sparql?query=${encodeURIComponent(query)}${extra}`, headers });
const bindings = (body: string) => (JSON.parse(body) as { results: { bindings: Record<string, { value: string }>[] } }).results.bindings;
const triples = (turtle: string) => new Parser({ format: 'text/turtle' }).parse(turtle);

const LABELS = `${PROLOGUE}SELECT ?s ?label WHERE { ?s rdfs:label ?label } ORDER BY ?label`;
const PLANS = `${PROLOGUE}SELECT ?plan WHERE { ?plan a jpp:Plan }`;
const CONSTRUCT = `${PROLOGUE}CONSTRUCT { ?e jpp:parent ?p } WHERE { ?e jpp:parent ?p }`;

describe('SELECT and ASK', () => {
  it('answers SPARQL JSON by default, with the right rows', async () => {
    const r = await get(PLANS);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/sparql-results\+json/);
    expect(bindings(r.body).map((b) => b['plan']?.value).sort()).toEqual([
      `${BASE}id/132101/plan/dai2ki-jisshi`,
      `${BASE}id/132101/plan/dai5ji-kihon-koso`,
    ]);
    expect(r.headers['x-sparql-capped']).toBeUndefined();
  });

  it.each([
    ['application/sparql-results+xml', /^application\/sparql-results\+xml/, /<sparql xmlns="http:\/\/www.w3.org\/2005\/sparql-results#">/],
    ['text/csv', /^text\/csv/, /^plan\r\n/],
    ['text/tab-separated-values', /^text\/tab-separated-values/, /^\?plan\n<http/],
    ['application/json', /^application\/sparql-results\+json/, /"bindings"/],
    ['text/csv;q=0.5, application/sparql-results+xml', /^application\/sparql-results\+xml/, /<result>/],
    ['text/*', /^text\/csv/, /plan/],
    ['*/*', /^application\/sparql-results\+json/, /"head"/],
  ])('negotiates Accept: %s', async (accept, type, body) => {
    const r = await get(PLANS, { accept });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(type);
    expect(r.body).toMatch(body);
    expect(r.headers['vary']).toMatch(/Accept/);
  });

  it('compresses answers of 1 KB or more for clients that prefer gzip, and only those', async () => {
    const plain = await get(LABELS);
    expect(plain.rawPayload.byteLength).toBeGreaterThan(1024);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['vary']).toBe('Accept, Accept-Encoding');
    for (const accept of ['application/sparql-results+json', 'text/csv', 'text/turtle']) {
      const query = accept === 'text/turtle' ? `CONSTRUCT WHERE { ?s ?p ?o }` : `${PROLOGUE}SELECT * WHERE { ?s ?p ?o }`;
      const identity = await get(query, { accept });
      expect(identity.rawPayload.byteLength, accept).toBeGreaterThan(1024);
      const gz = await get(query, { accept, 'accept-encoding': 'gzip, deflate, br' });
      expect(gz.statusCode, accept).toBe(200);
      expect(gz.headers['content-encoding'], accept).toBe('gzip');
      expect(gz.headers['content-type'], accept).toBe(identity.headers['content-type']);
      expect(gunzipSync(gz.rawPayload).equals(identity.rawPayload), accept).toBe(true);
      expect(gz.headers.etag, accept).toBe(identity.headers.etag);
    }
    const small = await get(`${PROLOGUE}ASK { ?s ?p ?o }`, { 'accept-encoding': 'gzip' });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect((await get(LABELS, { 'accept-encoding': 'gzip;q=0, identity' })).headers['content-encoding']).toBeUndefined();
  });

  it('lets ?format= override Accept', async () => {
    const r = await get(PLANS, { accept: 'application/sparql-results+xml' }, '&format=tsv');
    expect(r.headers['content-type']).toMatch(/^text\/tab-separated-values/);
  });

  it('answers 406 listing what is available', async () => {
    const r = await get(PLANS, { accept: 'image/png' });
    expect(r.statusCode).toBe(406);
    expect(r.body).toContain('application/sparql-results+json');
    expect(r.body).toContain('text/csv');
    expect((await get(PLANS, {}, '&format=pdf')).statusCode).toBe(406);
  });

  it.each([
    ['text/csv; charset=utf-8', /^text\/csv/],
    ['text/csv; header=present', /^text\/csv/],
    ['application/sparql-results+json; charset=UTF-8', /^application\/sparql-results\+json/],
    ['application/sparql-results+xml;charset="utf-8";q=0.9, text/csv;q=0.1', /^application\/sparql-results\+xml/],
  ])('takes Accept ranges with parameters every answer satisfies: %s', async (accept, type) => {
    const r = await get(PLANS, { accept });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(type);
  });

  it('refuses a charset no answer is in', async () => {
    expect((await get(PLANS, { accept: 'text/csv; charset=iso-8859-1' })).statusCode).toBe(406);
    const r = await get(PLANS, { accept: 'text/csv; charset=iso-8859-1, text/tab-separated-values;q=0.5' });
    expect(r.headers['content-type']).toMatch(/^text\/tab-separated-values/);
  });

  it('takes repeated ?format= values as SPARQLWrapper sends them: the first known one wins, else Accept', async () => {
    const tsv = await get(PLANS, { accept: 'text/tab-separated-values' }, '&format=tsv&format=text/tab-separated-values&output=tsv');
    expect(tsv.statusCode).toBe(200);
    expect(tsv.headers['content-type']).toMatch(/^text\/tab-separated-values/);
    const unknown = await get(CONSTRUCT, { accept: 'application/n-triples, text/turtle;q=0.5' }, '&format=n3');
    expect(unknown.statusCode).toBe(200);
    expect(unknown.headers['content-type']).toMatch(/^application\/n-triples/);
    const r = await get(PLANS, {}, '&format=pdf&format=doc');
    expect(r.statusCode).toBe(406);
    expect(r.body).toContain('format=pdf, format=doc');
  });

  it('writes ASK in CSV and TSV as a one-column table (_askResult), as Jena reads it', async () => {
    const ask = `${PROLOGUE}ASK { ?s a jpp:Measure }`;
    expect((await get(ask, { accept: 'text/csv' })).body).toBe('_askResult\r\ntrue\r\n');
    expect((await get(ask, { accept: 'text/tab-separated-values' })).body).toBe('?_askResult\ntrue\n');
  });

  it('keeps a carriage return in SPARQL XML as a reference, and refuses a character XML cannot carry for another format', async () => {
    const cr = await get('SELECT ?x WHERE { BIND("a\\rb" AS ?x) }', { accept: 'application/sparql-results+xml' });
    expect(cr.statusCode).toBe(200);
    expect(cr.body).toContain('<literal>a&#13;b</literal>');
    const control = 'SELECT ?x WHERE { BIND("a\\u0001b" AS ?x) }';
    const refused = await get(control, { accept: 'application/sparql-results+xml' });
    expect(refused.statusCode).toBe(406);
    expect(refused.body).toContain('U+0001');
    const next = await get(control, { accept: 'application/sparql-results+xml, application/sparql-results+json;q=0.5' });
    expect(next.statusCode).toBe(200);
    expect(next.headers['content-type']).toMatch(/^application\/sparql-results\+json/);
    expect(bindings(next.body)[0]?.['x']?.value).toBe('a\u0001b');
  });

  it('takes a decimal with no digit before the point', async () => {
    const r = await get('SELECT ?c WHERE { BIND(.5 + -.25 AS ?c) }');
    expect(r.statusCode).toBe(200);
    expect(Number(bindings(r.body)[0]?.['c']?.value)).toBe(0.25);
  });

  it('lists the columns of SELECT * in the order the query names its variables, as Jena and RDF4J do', async () => {
    const star = `${PROLOGUE}SELECT * WHERE { ?s a ?type ; rdfs:label ?zlabel . BIND(1 AS ?a) } LIMIT 1`;
    expect((JSON.parse((await get(star)).body) as { head: { vars: string[] } }).head.vars).toEqual(['s', 'type', 'zlabel', 'a']);
    expect((await get(star, { accept: 'text/csv' })).body.split('\r\n')[0]).toBe('s,type,zlabel,a');
    expect((await get(star, { accept: 'application/sparql-results+xml' })).body).toContain(
      '<variable name="s"/><variable name="type"/><variable name="zlabel"/><variable name="a"/>',
    );
    // A subquery's projection decides what is in scope; the order is still the text's.
    const sub = await get('SELECT * WHERE { { SELECT ?z WHERE { ?z ?p ?o } LIMIT 1 } BIND(1 AS ?b) }');
    expect((JSON.parse(sub.body) as { head: { vars: string[] } }).head.vars).toEqual(['z', 'b']);
  });

  it('answers ASK as a boolean', async () => {
    const r = await get(`${PROLOGUE}ASK { ?s a jpp:Measure }`);
    expect(JSON.parse(r.body)).toEqual({ head: {}, boolean: true });
    const x = await get(`${PROLOGUE}ASK { ?s a jpp:Indicator }`, { accept: 'application/sparql-results+xml' });
    expect(x.body).toContain('<boolean>false</boolean>');
  });
});

describe('CONSTRUCT and DESCRIBE', () => {
  it('answers Turtle by default', async () => {
    const r = await get(CONSTRUCT);
    expect(r.headers['content-type']).toMatch(/^text\/turtle/);
    expect(triples(r.body)).toHaveLength(6);
  });

  it.each([
    ['application/n-triples', /^application\/n-triples/],
    ['application/ld+json', /^application\/ld\+json/],
    ['application/rdf+xml', /^application\/rdf\+xml/],
  ])('serializes %s', async (accept, type) => {
    const r = await get(CONSTRUCT, { accept });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(type);
    if (accept === 'application/n-triples') expect(r.body.trim().split('\n')).toHaveLength(6);
    if (accept === 'application/ld+json') expect(JSON.parse(r.body)['@context']['jpp']).toBe('https://w3id.org/jp-plan/def#');
    if (accept === 'application/rdf+xml') expect(r.body).toContain('<rdf:RDF');
  });

  it('asks again in the next acceptable syntax when RDF/XML cannot carry the answer, else 406 with the reason', async () => {
    const query = 'CONSTRUCT { <http://e/s> <http://e/p/1> "x" } WHERE {}';
    const only = await get(query, { accept: 'application/rdf+xml' });
    expect(only.statusCode).toBe(406);
    expect(only.body).toContain('does not end in an XML name');
    const either = await get(query, { accept: 'application/rdf+xml, text/turtle;q=0.5' });
    expect(either.statusCode).toBe(200);
    expect(either.headers['content-type']).toMatch(/^text\/turtle/);
    expect(triples(either.body)).toHaveLength(1);
    expect((await get(query, { accept: 'text/turtle' }, '&format=rdfxml')).statusCode).toBe(406);
  });

  it('takes text/turtle with a charset for CONSTRUCT', async () => {
    const r = await get(CONSTRUCT, { accept: 'text/turtle; charset=utf-8' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/turtle/);
  });

  it('DESCRIBE gives the concise bounded description from the merged default graph', async () => {
    const r = await get(`DESCRIBE <${MUNICIPALITY}>`, {}, '&format=nt');
    const lines = r.body.trim().split('\n');
    // The municipality's 3 triples appear in both plan graphs but only once in the merge.
    expect(lines).toHaveLength(3);
    expect(lines.every((l) => l.startsWith(`<${MUNICIPALITY}> `))).toBe(true);
  });
});

describe('dataset', () => {
  const count = async (query: string, extra = '') => Number(bindings((await get(query, {}, extra)).body)[0]?.['n']?.value);

  it('makes the default graph the merge of all named graphs', async () => {
    expect(await count(`${PROLOGUE}SELECT (COUNT(*) AS ?n) { ?p a jpp:Plan }`)).toBe(2);
    expect(await count(`${PROLOGUE}SELECT (COUNT(*) AS ?n) { <${MUNICIPALITY}> rdfs:label ?l }`)).toBe(2);
  });

  it('keeps named graphs addressable with GRAPH', async () => {
    const r = await get('SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g');
    expect(bindings(r.body).map((b) => b['g']?.value)).toEqual([GRAPH_B, GRAPH_A]);
  });

  it('honours default-graph-uri (repeatable) and named-graph-uri', async () => {
    const plans = `${PROLOGUE}SELECT (COUNT(*) AS ?n) { ?p a jpp:Plan }`;
    expect(await count(plans, `&default-graph-uri=${encodeURIComponent(GRAPH_A)}`)).toBe(1);
    expect(await count(plans, `&default-graph-uri=${encodeURIComponent(GRAPH_A)}&default-graph-uri=${encodeURIComponent(GRAPH_B)}`)).toBe(2);
    const graphs = await get('SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }', {}, `&named-graph-uri=${encodeURIComponent(GRAPH_B)}`);
    expect(bindings(graphs.body).map((b) => b['g']?.value)).toEqual([GRAPH_B]);
  });

  it('honours FROM in the query', async () => {
    expect(await count(`${PROLOGUE}SELECT (COUNT(*) AS ?n) FROM <${GRAPH_B}> { ?p a jpp:Plan }`)).toBe(1);
  });
});

describe('POST', () => {
  it('accepts application/x-www-form-urlencoded', async () => {
    const payload = `query=${encodeURIComponent(PLANS)}&default-graph-uri=${encodeURIComponent(GRAPH_A)}`;
    const r = await t.app.inject({ method: 'POST', url: '/sparql', payload, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(r.statusCode).toBe(200);
    expect(bindings(r.body)).toHaveLength(1);
  });

  it('accepts application/sparql-query with graphs in the URL', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: `/sparql?default-graph-uri=${encodeURIComponent(GRAPH_B)}`,
      payload: PLANS,
      headers: { 'content-type': 'application/sparql-query; charset=utf-8', accept: 'text/csv' },
    });
    expect(r.statusCode).toBe(200);
    expect(r.body).toBe(`plan\r\n${BASE}id/132101/plan/dai2ki-jisshi\r\n`);
  });
});

describe('errors', () => {
  const post = (payload: string | Buffer, contentType?: string, url = '/sparql') =>
    t.app.inject({ method: 'POST', url, payload, headers: contentType ? { 'content-type': contentType } : {} });
  const form = 'application/x-www-form-urlencoded';

  it.each([
    ['several query parameters', () => t.app.inject({ url: `/sparql?query=${encodeURIComponent(PLANS)}&query=${encodeURIComponent(PLANS)}` }), 400, /more than once/],
    ['query and update', () => t.app.inject({ url: `/sparql?query=${encodeURIComponent(PLANS)}&update=x` }), 400, /not both/],
    ['update only', () => t.app.inject({ url: '/sparql?update=CLEAR%20ALL' }), 403, /read-only/],
    ['update in the query', () => get('INSERT DATA { <http://a> <http://b> <http://c> }'), 403, /read-only/],
    ['update content type', () => post('CLEAR ALL', 'application/sparql-update'), 403, /read-only/],
    ['missing query (POST)', () => post('format=json', form), 400, /missing query/],
    ['missing query (GET with graphs)', () => t.app.inject({ url: `/sparql?default-graph-uri=${encodeURIComponent(GRAPH_A)}` }), 400, /missing query/],
    ['empty query', () => t.app.inject({ url: '/sparql?query=' }), 400, /empty/],
    ['missing content type', () => post(PLANS), 400, /Content-Type/],
    ['wrong content type', () => post(PLANS, 'text/plain'), 400, /unsupported Content-Type/],
    ['non-UTF-8 body', () => post(Buffer.from([0x53, 0x45, 0xff, 0xfe]), 'application/sparql-query'), 400, /UTF-8/],
    ['non-UTF-8 form', () => post(Buffer.from('query=%FF%FE'), form), 400, /UTF-8/],
    ['non-UTF-8 charset', () => post(PLANS, 'application/sparql-query; charset=iso-8859-1'), 400, /UTF-8/],
    ['query in URL and body', () => post(PLANS, 'application/sparql-query', `/sparql?query=${encodeURIComponent(PLANS)}`), 400, /body/],
    ['relative graph IRI', () => get(PLANS, {}, '&default-graph-uri=graph'), 400, /absolute IRI/],
    ['unknown prefix', () => get('SELECT * { ?s ex:p ?o }'), 400, /Unknown prefix/],
    ['too large', () => post(`${PLANS} #${'x'.repeat(70 * 1024)}`, 'application/sparql-query'), 413, /limit/],
    ['too large for the body limit', () => post(`query=${'x'.repeat(400 * 1024)}`, form), 413, /./],
  ])('%s → %i', async (_name, send, status, message) => {
    const r = await send();
    expect(r.statusCode).toBe(status);
    expect(r.body).toMatch(message);
    expect(r.body).not.toMatch(/\bat .*\.ts:\d+/);
    expect(r.headers['access-control-allow-origin']).toBe('*');
  });

  it('takes a form labelled ISO-8859-1 (as Apache HttpClient 4 sends it) when its escapes are UTF-8', async () => {
    const body = `query=${encodeURIComponent(`${PROLOGUE}SELECT ?plan WHERE { ?plan a jpp:Plan ; rdfs:label ?l FILTER(CONTAINS(?l, "計画")) }`)}`;
    const r = await post(body, `${form}; charset=ISO-8859-1`);
    expect(r.statusCode).toBe(200);
    expect(bindings(r.body).length).toBeGreaterThan(0);
    expect((await post(Buffer.from('query=%E9'), `${form}; charset=ISO-8859-1`)).statusCode).toBe(400);
  });

  it('reports a malformed query with its line and column', async () => {
    const r = await get('SELECT * WHERE {\n  ?s ?p ?o .\n  FILTER(?o = )\n}', { accept: 'application/json' });
    expect(r.statusCode).toBe(400);
    const body = JSON.parse(r.body) as { error: string; line: number; column: number; message: string };
    expect(body.error).toBe('malformed_query');
    expect(body.line).toBe(3);
    expect(body.column).toBeGreaterThan(0);
    expect(body.message).toMatch(/line 3/);
  });

  it.each([
    ['a SERVICE outside the allowlist', 'SELECT * { SERVICE <http://evil.example/sparql> { ?s ?p ?o } }'],
    ['a nested SERVICE', 'SELECT * { OPTIONAL { SELECT * { FILTER EXISTS { SERVICE <http://evil.example/sparql> { ?s ?p ?o } } } } }'],
    ['a SERVICE with a variable', 'SELECT * { ?s ?p ?svc . SERVICE ?svc { ?x ?y ?z } }'],
  ])('refuses %s with 400', async (_name, query) => {
    const r = await get(query);
    expect(r.statusCode).toBe(400);
    expect(r.body).toMatch(/SERVICE/);
  });
});

describe('service description', () => {
  const SD = 'http://www.w3.org/ns/sparql-service-description#';
  const VOID = 'http://rdfs.org/ns/void#';

  it('describes the endpoint, its formats and its dataset in Turtle', async () => {
    const r = await t.app.inject({ url: '/sparql', headers: { accept: 'text/turtle' } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/turtle/);
    const quads = triples(r.body);
    const objects = (p: string) => quads.filter((q) => q.predicate.value === p).map((q) => q.object.value);
    expect(objects(`${SD}endpoint`)).toEqual([`${BASE}sparql`]);
    expect(objects(`${SD}supportedLanguage`)).toEqual([`${SD}SPARQL11Query`]);
    // Every format a query can be answered in, graphs in N-Quads and TriG included.
    expect(objects(`${SD}resultFormat`)).toHaveLength(10);
    expect(objects(`${SD}resultFormat`)).toContain('http://www.w3.org/ns/formats/N-Quads');
    expect(objects(`${SD}feature`)).toEqual([`${SD}UnionDefaultGraph`]);
    expect(objects(`${SD}name`).sort()).toEqual([GRAPH_B, GRAPH_A]);
    expect(objects(`${VOID}triples`).map(Number).sort((a, b) => a - b)).toEqual([21, 31, 49]);
  });

  it('names each named graph by its own IRI, whose sd:graph is the dataset (VoID subset, DCAT dataset) publishing it', async () => {
    const quads = triples((await t.app.inject({ url: '/sparql', headers: { accept: 'text/turtle' } })).body);
    const has = (s: string, p: string, o: string) => quads.some((q) => q.subject.value === s && q.predicate.value === p && q.object.value === o);
    const named = quads.filter((q) => q.predicate.value === `${SD}namedGraph`).map((q) => q.object);
    expect(named.map((n) => n.termType)).toEqual(['NamedNode', 'NamedNode']);
    expect(named.map((n) => n.value).sort()).toEqual([GRAPH_B, GRAPH_A]);
    for (const g of [GRAPH_A, GRAPH_B]) {
      const dataset = g.replace('/graph/', '/dataset/');
      expect(has(g, 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type', `${SD}NamedGraph`)).toBe(true);
      expect(has(g, `${SD}name`, g)).toBe(true);
      expect(has(g, `${SD}graph`, dataset)).toBe(true);
      expect(has(dataset, 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type', `${SD}Graph`)).toBe(true);
      expect(quads.some((q) => q.subject.value === dataset && q.predicate.value === `${VOID}triples`)).toBe(true);
    }
  });

  it.each([
    ['application/ld+json', /^application\/ld\+json/],
    ['application/rdf+xml', /^application\/rdf\+xml/],
    [undefined, /^text\/turtle/],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', /^text\/html/],
  ])('answers Accept: %s', async (accept, type) => {
    const r = await t.app.inject({ url: '/sparql', headers: accept ? { accept } : {} });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(type);
    if (accept?.startsWith('text/html')) expect(r.body).toMatch(/<form[^>]*action="sparql"/);
  });
});

describe('ETag, HEAD and CORS', () => {
  it('gives a stable ETag and answers If-None-Match with 304', async () => {
    const first = await get(PLANS);
    const etag = first.headers['etag'] as string;
    expect(etag).toMatch(/^W\/".+"$/);
    expect((await get(`\r\n${PLANS}  `)).headers['etag']).toBe(etag);
    const again = await get(PLANS, { 'if-none-match': `"other", ${etag}`, origin: 'http://example.org' });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers['etag']).toBe(etag);
    expect(again.headers['access-control-allow-origin']).toBe('*');
  });

  it('varies the ETag with the negotiated type and the graphs', async () => {
    const json = (await get(PLANS)).headers['etag'];
    expect((await get(PLANS, { accept: 'text/csv' })).headers['etag']).not.toBe(json);
    expect((await get(PLANS, {}, `&default-graph-uri=${encodeURIComponent(GRAPH_A)}`)).headers['etag']).not.toBe(json);
  });

  it('answers HEAD with headers and no body', async () => {
    const r = await t.app.inject({ method: 'HEAD', url: `/sparql?query=${encodeURIComponent(PLANS)}` });
    expect(r.statusCode).toBe(200);
    expect(r.body).toBe('');
    expect(r.headers['content-type']).toMatch(/sparql-results\+json/);
    expect(r.headers['etag']).toBeDefined();
  });

  it('answers CORS preflight and exposes the capping header', async () => {
    const r = await t.app.inject({
      method: 'OPTIONS',
      url: '/sparql',
      headers: { origin: 'http://example.org', 'access-control-request-method': 'POST' },
    });
    expect(r.statusCode).toBe(204);
    expect(r.headers['access-control-allow-methods']).toMatch(/POST/);
    const ok = await get(PLANS, { origin: 'http://example.org' });
    expect(ok.headers['access-control-allow-origin']).toBe('*');
    expect(ok.headers['access-control-expose-headers']).toMatch(/X-SPARQL-Capped/);
    expect(ok.headers['access-control-expose-headers']).toMatch(/Retry-After/);
  });
});
