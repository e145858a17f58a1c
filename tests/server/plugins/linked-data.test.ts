// Cool URIs over app.inject: 303s by Accept, 404/406 in the negotiated format, /data documents, Link, ETag/304, ontology terms, sources.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import jsonld from 'jsonld';
import { Parser, type Quad } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, siteFixture, type SiteFixture } from '../../site-helpers.ts';

const JPP = 'https://w3id.org/jp-plan/def#';
const RDFS_LABEL = 'http://www.w3.org/2000/01/rdf-schema#label';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const PLAN = `${BASE}id/132101/plan/dai5ji-kihon-koso`;
const MEASURE = `${PLAN}/measure/1`;
const GOAL = `${PLAN}/goal/1`;
const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

let f: SiteFixture;
beforeAll(async () => {
  f = await siteFixture();
});
afterAll(() => f.close());

const get = (url: string, headers: Record<string, string> = {}) => f.app.inject({ method: 'GET', url, headers });
const turtle = (body: string) => new Parser({ format: 'text/turtle' }).parse(body);
const has = (quads: readonly Quad[], s: string, p: string, o?: string) =>
  quads.some((q) => q.subject.value === s && q.predicate.value === p && (o === undefined || q.object.value === o));

describe('/id/ dereferencing (303 See Other)', () => {
  const cases: [string | undefined, string][] = [
    [undefined, '/data/id/132101.ttl'],
    ['*/*', '/data/id/132101.ttl'],
    ['text/turtle', '/data/id/132101.ttl'],
    ['application/ld+json', '/data/id/132101.jsonld'],
    ['application/json', '/data/id/132101.jsonld'],
    ['application/n-triples', '/data/id/132101.nt'],
    ['application/rdf+xml', '/data/id/132101.rdf'],
    ['text/html', '/page/id/132101'],
    [BROWSER, '/page/id/132101'],
    ['application/rdf+xml;q=0.9, text/turtle;q=0.5, text/html;q=0.1', '/data/id/132101.rdf'],
    ['text/html;q=0.5, application/ld+json', '/data/id/132101.jsonld'],
  ];
  it.each(cases)('Accept %s → %s', async (accept, location) => {
    const r = await get('/id/132101', accept ? { accept } : {});
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe(location);
    expect(r.headers.vary).toContain('Accept');
    expect(r.body).toBe('');
  });

  it('redirects root-relative, so a client that reached another host than the base IRI’s stays on it', async () => {
    // The IRI is under http://localhost:3000/; the client came through 127.0.0.1 (or a LAN address, or a proxy).
    for (const accept of ['text/turtle', BROWSER]) {
      const r = await get('/id/132101', { host: '127.0.0.1:3000', accept });
      expect(r.statusCode).toBe(303);
      expect(new URL(r.headers.location!, 'http://127.0.0.1:3000/id/132101').origin).toBe('http://127.0.0.1:3000');
    }
    // The description still names the resource by its IRI: the Link header and the triples are under the base.
    const doc = await get('/data/id/132101.ttl', { host: '127.0.0.1:3000' });
    expect(String(doc.headers.link)).toContain(`<${BASE}id/132101>; rel="http://xmlns.com/foaf/0.1/primaryTopic"`);
    expect(has(turtle(doc.body), `${BASE}id/132101`, RDF_TYPE)).toBe(true);
  });

  it('lets ?format= override Accept', async () => {
    const r = await get('/id/132101?format=nt', { accept: 'text/html' });
    expect(r.headers.location).toBe(`/data/id/132101.nt`);
  });

  it('dereferences every kind of resource: plan, element, quotation and selector, theme scheme and theme, SSDS', async () => {
    for (const path of [
      'id/132101/plan/dai5ji-kihon-koso',
      'id/132101/plan/dai5ji-kihon-koso/measure/1',
      'id/132101/plan/dai5ji-kihon-koso/indicator/1/baseline',
      'id/132101/plan/dai5ji-kihon-koso/measure/1/quote/title',
      'id/132101/plan/dai5ji-kihon-koso/measure/1/quote/title/exact',
      'id/132101/plan/dai5ji-kihon-koso/measure/1/quote/title/position',
      'id/theme',
      'id/theme/children',
      'id/ssds',
      'id/ssds/A',
    ]) {
      const r = await get(`/${path}`);
      expect(r.statusCode, path).toBe(303);
      expect(r.headers.location).toBe(`/data/${path}.ttl`);
      const doc = await get(r.headers.location!);
      expect(doc.statusCode, path).toBe(200);
      expect(has(turtle(doc.body), `${BASE}${path}`, RDF_TYPE)).toBe(true);
    }
  });

  it('answers HEAD like GET, with CORS headers', async () => {
    const r = await f.app.inject({ method: 'HEAD', url: '/id/132101', headers: { accept: 'text/turtle', origin: 'https://example.org' } });
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe(`/data/id/132101.ttl`);
    expect(r.headers['access-control-allow-origin']).toBe('*');
  });

  it('answers a plain OPTIONS with 204 and Allow, on every route family', async () => {
    for (const url of ['/id/132101', '/data/id/132101.ttl', '/page/id/132101', '/dumps/dataset.nq', '/sitemap.xml', '/sitemap-1.xml', '/catalog', '/']) {
      const r = await f.app.inject({ method: 'OPTIONS', url });
      expect(r.statusCode, url).toBe(204);
      expect(r.headers.allow, url).toBe('GET, HEAD, OPTIONS');
      expect(r.headers['access-control-allow-origin'], url).toBe('*');
    }
  });

  it('answers an unknown IRI with 404 in the negotiated format', async () => {
    const html = await get('/id/999999', { accept: BROWSER });
    expect(html.statusCode).toBe(404);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.body).toContain('<h1>見つかりません</h1>');
    expect((await get('/id/999999', { accept: BROWSER, 'accept-language': 'en' })).body).toContain('<h1>Not found</h1>');
    const json = await get('/id/999999', { accept: 'application/json' });
    expect(json.statusCode).toBe(404);
    expect(json.json()).toMatchObject({ error: 'not_found', status: 404 });
    const plain = await get('/id/999999', { accept: 'text/turtle' });
    expect(plain.statusCode).toBe(404);
    expect(plain.headers['content-type']).toMatch(/^text\/plain/);
    expect((await get('/data/id/999999.ttl')).statusCode).toBe(404);
    expect((await get('/page/id/999999', { accept: BROWSER })).statusCode).toBe(404);
  });

  it('answers 406 when no format is acceptable', async () => {
    const r = await get('/id/132101', { accept: 'image/png' });
    expect(r.statusCode).toBe(406);
  });
});

describe('/data/ documents', () => {
  it('hold the own triples, the inbound triples and the labels and types of every resource mentioned', async () => {
    const measure = turtle((await get('/data/id/132101/plan/dai5ji-kihon-koso/measure/1.ttl')).body);
    expect(has(measure, MEASURE, `${JPP}parent`, `${PLAN}/policy/1`)).toBe(true);
    // the parent's label and type, the plan's label, the theme's label, the class's label
    expect(measure.some((q) => q.subject.value === `${PLAN}/policy/1` && q.predicate.value === RDFS_LABEL && q.object.value === '環境と都市基盤')).toBe(true);
    expect(has(measure, `${PLAN}/policy/1`, RDF_TYPE, `${JPP}Policy`)).toBe(true);
    expect(has(measure, PLAN, RDFS_LABEL)).toBe(true);
    expect(has(measure, `${BASE}id/theme/environment`, 'http://www.w3.org/2004/02/skos/core#prefLabel')).toBe(true);
    expect(has(measure, `${JPP}Measure`, RDFS_LABEL)).toBe(true);
    expect(has(measure, `${JPP}parent`, RDFS_LABEL)).toBe(true);

    const goal = turtle((await get('/data/id/132101/plan/dai5ji-kihon-koso/goal/1.ttl')).body);
    // inbound: the indicators and children that point at the goal, with their labels
    expect(has(goal, `${PLAN}/indicator/1`, `${JPP}parent`, GOAL)).toBe(true);
    expect(goal.some((q) => q.subject.value === `${PLAN}/indicator/1` && q.predicate.value === RDFS_LABEL && q.object.value === '「住みやすい」と思う市民の割合')).toBe(true);
    expect(has(goal, `${PLAN}/indicator/1`, RDF_TYPE, `${JPP}Indicator`)).toBe(true);
    // the document names its topic
    expect(has(goal, `${BASE}data/id/132101/plan/dai5ji-kihon-koso/goal/1.ttl`, 'http://xmlns.com/foaf/0.1/primaryTopic', GOAL)).toBe(true);
  });

  it('hold every triple of the data that points at their resource, the catalog\'s resources and named graphs included', async () => {
    const dump = new Parser({ format: 'N-Quads' }).parse(readFileSync(`${f.config.buildDir}/dataset.nq`, 'utf8'));
    const key = (q: Quad) => `${q.subject.value} ${q.predicate.value} ${q.object.value}`;
    const pointing = new Map<string, Set<string>>();
    for (const q of dump)
      if (q.object.termType === 'NamedNode' && q.predicate.value !== RDF_TYPE) (pointing.get(q.object.value) ?? pointing.set(q.object.value, new Set()).get(q.object.value)!).add(key(q));
    let checked = 0;
    for (const path of f.site.documentPaths()) {
      const doc = f.site.document(path)!;
      const held = new Set([...doc.own, ...doc.inbound, ...doc.context].map(key));
      const missing = [...(pointing.get(doc.iri) ?? [])].filter((k) => !held.has(k));
      expect(missing, path).toEqual([]);
      checked += pointing.get(doc.iri)?.size ?? 0;
    }
    expect(checked).toBeGreaterThan(1000);
    // The audit's case: the source texts name the catalog's publisher as theirs, and its document says so, in every format.
    const publisher = `${BASE}catalog/publisher`;
    const sources = [...(pointing.get(publisher) ?? [])].filter((k) => k.startsWith(`${BASE}sources/`));
    expect(sources.length).toBe(6);
    const nt = new Parser({ format: 'N-Triples' }).parse((await get('/data/catalog/publisher.nt')).body);
    for (const k of sources) expect(nt.some((q) => key(q) === k), k).toBe(true);
    expect(nt.filter((q) => q.object.value === publisher && q.subject.value.startsWith(`${BASE}sources/`)).length).toBe(6);
    // With the source texts' names, as every document names what points at it.
    expect(nt.some((q) => q.subject.value === `${BASE}sources/132101-koganei.txt` && q.predicate.value === RDF_TYPE)).toBe(true);
  });

  it('leave class extensions out of inbound triples', async () => {
    const doc = f.site.document('def/Measure')!;
    expect(doc.inbound.some((q) => q.predicate.value === RDF_TYPE)).toBe(false);
    expect(f.site.document('id/132101')!.inbound.length).toBeGreaterThan(0);
  });

  it('say the same in every format', async () => {
    const path = '/data/id/132101/plan/dai5ji-kihon-koso/indicator/1';
    const ttl = turtle((await get(`${path}.ttl`)).body);
    const nt = new Parser({ format: 'N-Triples' }).parse((await get(`${path}.nt`)).body);
    const fromJsonLd = (await jsonld.toRDF(JSON.parse((await get(`${path}.jsonld`)).body), { format: 'application/n-quads' })) as unknown as string;
    const rdflib = await import('rdflib');
    const xmlStore = rdflib.graph();
    rdflib.parse((await get(`${path}.rdf`)).body, xmlStore, `${BASE}data/x`, 'application/rdf+xml');
    const about = (qs: readonly { subject: { value: string } }[]) => qs.filter((q) => !q.subject.value.startsWith(`${BASE}data/`)).length;
    expect(about(nt)).toBe(about(ttl));
    expect(about(new Parser({ format: 'N-Quads' }).parse(fromJsonLd))).toBe(about(ttl));
    expect(about(xmlStore.statements)).toBe(about(ttl));
  });

  it('carry media types, Link headers and validators', async () => {
    const r = await get('/data/id/132101.ttl');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/turtle; charset=utf-8');
    expect(r.headers['cache-control']).toMatch(/^public, max-age=\d+/);
    const link = String(r.headers.link);
    expect(link).toContain(`<${BASE}data/id/132101.jsonld>; rel="alternate"; type="application/ld+json"`);
    expect(link).toContain(`<${BASE}data/id/132101.nt>; rel="alternate"; type="application/n-triples"`);
    expect(link).toContain(`<${BASE}data/id/132101.rdf>; rel="alternate"; type="application/rdf+xml"`);
    expect(link).toContain(`<${BASE}page/id/132101>; rel="alternate"; type="text/html"`);
    expect(link).toContain(`<${BASE}id/132101>; rel="http://xmlns.com/foaf/0.1/primaryTopic"`);
    expect(link).not.toContain('132101.ttl>');
    expect((await get('/data/id/132101.jsonld')).headers['content-type']).toBe('application/ld+json');
    expect((await get('/data/id/132101.rdf')).headers['content-type']).toBe('application/rdf+xml');
    expect((await get('/data/id/132101.nt')).headers['content-type']).toBe('application/n-triples');

    const etag = String(r.headers.etag);
    expect(etag).toContain(f.site.version);
    expect(etag).not.toBe((await get('/data/id/132101.nt')).headers.etag);
    expect(etag).not.toBe((await get('/data/id/132110.ttl')).headers.etag);
    const again = await get('/data/id/132101.ttl', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    expect((await get('/data/id/132101.ttl', { 'if-none-match': '"other"' })).statusCode).toBe(200);

    const head = await f.app.inject({ method: 'HEAD', url: '/data/id/132101.ttl' });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
    expect(Number(head.headers['content-length'])).toBe(Buffer.byteLength(r.body));
  });

  it('come gzipped, with their own validators, to clients that accept gzip: every format and the page', async () => {
    for (const url of ['/data/id/132101.ttl', '/data/id/132101.jsonld', '/data/id/132101.nt', '/data/id/132101.rdf', '/page/id/132101']) {
      const plain = await get(url);
      const gz = await get(url, { 'accept-encoding': 'gzip, deflate, br' });
      expect(gz.statusCode, url).toBe(200);
      expect(gz.headers['content-encoding'], url).toBe('gzip');
      expect(gz.headers['content-type'], url).toBe(plain.headers['content-type']);
      expect(gz.headers.link, url).toBe(plain.headers.link);
      expect(String(plain.headers.vary), url).toContain('Accept-Encoding');
      expect(gunzipSync(gz.rawPayload).equals(plain.rawPayload), url).toBe(true);
      expect(gz.headers.etag, url).not.toBe(plain.headers.etag);
      expect((await get(url, { 'accept-encoding': 'gzip', 'if-none-match': String(gz.headers.etag) })).statusCode, url).toBe(304);
    }
  });

  it('negotiate with a 303 when the extension is left out', async () => {
    const r = await get('/data/id/132101', { accept: 'application/ld+json' });
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe(`/data/id/132101.jsonld`);
    expect((await get('/data/id/132101', { accept: 'text/html' })).headers.location).toBe(`/page/id/132101`);
  });
});

describe('If-Match and If-Unmodified-Since (RFC 9110 §13.1.1, §13.1.4)', () => {
  const DOCS = ['/data/id/132101.ttl', '/data/id/132101.jsonld', '/page/id/132101', '/catalog.ttl', '/sources/132101-koganei.txt', '/robots.txt', '/'];

  it('answers 412 when If-Match names no current representation, as for GET so for HEAD, and serves it when it does or says *', async () => {
    for (const url of DOCS) {
      const r = await get(url);
      expect(r.statusCode, url).toBe(200);
      const etag = String(r.headers.etag);
      for (const ifMatch of ['"not-the-etag"', `W/${etag}`, `"x", W/${etag}`, 'garbage']) {
        const failed = await get(url, { 'if-match': ifMatch, accept: 'application/json' });
        expect(failed.statusCode, `${url} ${ifMatch}`).toBe(412);
        expect(failed.json(), url).toMatchObject({ error: 'precondition_failed', status: 412 });
        expect(failed.headers.etag, url).toBeUndefined();
        expect(failed.headers['cache-control'], url).toBe('no-store');
        const head = await f.app.inject({ method: 'HEAD', url, headers: { 'if-match': ifMatch } });
        expect(head.statusCode, `HEAD ${url} ${ifMatch}`).toBe(412);
      }
      for (const ifMatch of [etag, `"x", ${etag}`, `  ${etag} `, '*']) {
        const held = await get(url, { 'if-match': ifMatch });
        expect(held.statusCode, `${url} ${ifMatch}`).toBe(200);
        expect(held.rawPayload.equals(r.rawPayload), url).toBe(true);
      }
    }
  });

  it('compares with the tag of the coding it would send: the gzip copy has its own', async () => {
    const url = '/data/id/132101.ttl';
    const plain = String((await get(url)).headers.etag);
    const gz = String((await get(url, { 'accept-encoding': 'gzip' })).headers.etag);
    expect((await get(url, { 'accept-encoding': 'gzip', 'if-match': plain })).statusCode).toBe(412);
    expect((await get(url, { 'accept-encoding': 'gzip', 'if-match': gz })).headers['content-encoding']).toBe('gzip');
    expect((await get(url, { 'if-match': gz })).statusCode).toBe(412);
  });

  it('evaluates If-Match before If-None-Match: a failed one is 412 even when If-None-Match would be 304', async () => {
    const url = '/data/id/132101.ttl';
    const etag = String((await get(url)).headers.etag);
    expect((await get(url, { 'if-match': '"old"', 'if-none-match': etag })).statusCode).toBe(412);
    expect((await get(url, { 'if-match': etag, 'if-none-match': etag })).statusCode).toBe(304);
  });

  it('leaves answers other than 2xx as they are (303, 404): preconditions apply to a representation', async () => {
    expect((await get('/id/132101', { 'if-match': '"x"' })).statusCode).toBe(303);
    expect((await get('/data/id/999999.ttl', { 'if-match': '*' })).statusCode).toBe(404);
    expect((await get('/no/such/thing', { 'if-match': '"x"' })).statusCode).toBe(404);
  });

  it('ignores If-Unmodified-Since, since no answer has a Last-Modified date', async () => {
    for (const url of DOCS) {
      const r = await get(url, { 'if-unmodified-since': 'Thu, 01 Jan 1970 00:00:00 GMT' });
      expect(r.statusCode, url).toBe(200);
      expect(r.headers['last-modified'], url).toBeUndefined();
    }
  });
});

describe('/page/ (HTML)', () => {
  it('renders title, class, parent with labels and links to the data', async () => {
    const r = await get('/page/id/132101/plan/dai5ji-kihon-koso/measure/1');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.body).toContain('<h1 lang="ja">みどりと水の環境整備</h1>');
    expect(r.body).toContain('<title>みどりと水の環境整備（施策 1 · 小金井市） | 総合計画 LOD</title>');
    expect(r.body).toContain(`href="/page/id/132101/plan/dai5ji-kihon-koso/policy/1">環境と都市基盤</a>`);
    expect(r.body).toContain('上位要素'); // jpp:parent's label
    expect(r.body).toContain(`<link rel="alternate" type="text/turtle" href="${BASE}data/id/132101/plan/dai5ji-kihon-koso/measure/1.ttl">`);
  });
});

describe('ontology', () => {
  it('redirects /ontology by Accept and serves the ontology file byte for byte as Turtle', async () => {
    expect((await get('/ontology')).headers.location).toBe(`/ontology.ttl`);
    expect((await get('/ontology', { accept: 'application/rdf+xml' })).headers.location).toBe(`/ontology.rdf`);
    expect((await get('/ontology', { accept: BROWSER })).headers.location).toBe(`/page/ontology`);
    const ttl = await get('/ontology.ttl');
    expect(ttl.statusCode).toBe(200);
    expect(ttl.rawPayload.equals(readFileSync('ontology/jpplan.ttl'))).toBe(true);
    const json = await get('/ontology.jsonld');
    const quads = new Parser({ format: 'N-Quads' }).parse((await jsonld.toRDF(JSON.parse(json.body), { format: 'application/n-quads' })) as unknown as string);
    expect(quads.length).toBe(turtle(ttl.body).length);
    expect((await get('/page/ontology')).statusCode).toBe(200);
  });

  it("lists the ontology's classes and properties on its page, each in its own table with its definition in the page's language", async () => {
    const section = (html: string, id: string) => html.slice(html.indexOf(`id="${id}"`), html.indexOf('</section>', html.indexOf(`id="${id}"`)));
    for (const [url, plan, theme] of [
      ['/page/ontology', '地方公共団体が策定した総合計画', 'この資源が扱う分野テーマ。'],
      ['/page/ontology?lang=en', 'A comprehensive plan (総合計画', 'A theme that this resource addresses.'],
    ] as const) {
      const html = (await get(url)).body;
      const classes = section(html, 'h-classes');
      const properties = section(html, 'h-term-props');
      expect(classes).toContain('jpp:Plan</code>');
      expect(classes).toContain(plan);
      expect(classes).not.toContain('jpp:theme</code>');
      expect(properties).toContain('jpp:theme</code>');
      expect(properties).toContain(theme);
      expect(properties).not.toContain('jpp:Plan</code>');
    }
  });

  it('gives each term a /def/<LocalName> that 303s to its description', async () => {
    const r = await get('/def/Plan', { accept: 'text/turtle' });
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe(`/data/def/Plan.ttl`);
    expect((await get('/def/Plan', { accept: 'text/html' })).headers.location).toBe(`/page/def/Plan`);
    const doc = turtle((await get('/data/def/Plan.ttl')).body);
    expect(has(doc, `${JPP}Plan`, RDF_TYPE, 'http://www.w3.org/2002/07/owl#Class')).toBe(true);
    expect(has(doc, `${JPP}plan`, 'http://www.w3.org/2000/01/rdf-schema#range', `${JPP}Plan`)).toBe(true); // inbound
    expect(has(doc, `${JPP}plan`, RDFS_LABEL)).toBe(true);
    expect((await get('/def/parent')).statusCode).toBe(303);
    expect((await get('/def/NoSuchTerm')).statusCode).toBe(404);
  });
});

describe('/sources/', () => {
  it('serves every source text byte for byte, with its media type and a describedby link', async () => {
    for (const file of ['131121-setagaya.txt', '132101-koganei.txt', '132110-kodaira.txt', '132217-kiyose.txt', '132292-nishitokyo.txt']) {
      const r = await get(`/sources/${file}`);
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(r.rawPayload.equals(readFileSync(`data/sources/${file}`))).toBe(true);
      expect(String(r.headers.link)).toContain(`<${BASE}data/sources/${file}.ttl>; rel="describedby"; type="text/turtle"`);
    }
    const readme = await get('/sources/SEEDS-README.md');
    expect(readme.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(readme.rawPayload.equals(readFileSync('data/sources/SEEDS-README.md'))).toBe(true);
    expect((await get('/sources/SHA256SUMS')).statusCode).toBe(404);
    expect((await get('/sources/..%2Fcatalog.yaml')).statusCode).toBe(404);
  });

  it('describes each source text, including what quotes it', async () => {
    const doc = turtle((await get('/data/sources/132101-koganei.txt.ttl')).body);
    const source = `${BASE}sources/132101-koganei.txt`;
    expect(has(doc, source, RDF_TYPE, `${JPP}SourceText`)).toBe(true);
    expect(doc.some((q) => q.predicate.value === 'http://www.w3.org/ns/oa#hasSource' && q.object.value === source)).toBe(true);
  });
});
