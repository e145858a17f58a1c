// VoID, the DCAT catalog, dumps, sitemap and robots.txt over app.inject, every count checked against the real dataset.
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import jsonld from 'jsonld';
import { Parser, type Quad } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, siteFixture, type SiteFixture } from '../../site-helpers.ts';
import { isSliceFile } from '../../../src/convert/index.ts';

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const VOID = 'http://rdfs.org/ns/void#';
const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const FOAF = 'http://xmlns.com/foaf/0.1/';
const JPP = 'https://w3id.org/jp-plan/def#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const WHOLE = `${BASE}dataset`;

let f: SiteFixture;
beforeAll(async () => {
  f = await siteFixture();
});
afterAll(() => f.close());

const get = (url: string, headers: Record<string, string> = {}) => f.app.inject({ method: 'GET', url, headers });
const turtle = (body: string) => new Parser({ format: 'text/turtle' }).parse(body);
const objects = (g: readonly Quad[], s: string, p: string) => g.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object);
const one = (g: readonly Quad[], s: string, p: string) => objects(g, s, p)[0];
const num = (g: readonly Quad[], s: string, p: string) => Number(one(g, s, p)?.value);
const subjectsOfType = (g: readonly Quad[], type: string) => g.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === type).map((q) => q.subject.value);
const langs = (g: readonly Quad[], s: string, p: string) => objects(g, s, p).map((o) => (o.termType === 'Literal' ? o.language : '')).sort();

/** The dataset's own counts, computed here independently of src/documents. */
const counts = () => {
  const key = (q: Quad) => `${q.subject.id} ${q.predicate.id} ${q.object.id}`;
  const triples = new Map<string, Quad>();
  for (const q of f.dataset.quads) triples.set(key(q), q);
  const all = [...triples.values()];
  const distinct = (pick: (q: Quad) => string, from = all) => new Set(from.map(pick)).size;
  const types = all.filter((q) => q.predicate.value === RDF_TYPE);
  return {
    all,
    triples: all.length,
    entities: new Set(all.map((q) => q.subject.value).filter((s) => s.startsWith(`${BASE}id/`))).size,
    classes: distinct((q) => q.object.value, types),
    properties: distinct((q) => q.predicate.value),
    subjects: distinct((q) => q.subject.id),
    objects: distinct((q) => q.object.id),
    instances: (c: string) => new Set(types.filter((q) => q.object.value === c).map((q) => q.subject.value)).size,
    withPredicate: (p: string, objectPrefix = '') => all.filter((q) => q.predicate.value === p && q.object.value.startsWith(objectPrefix)).length,
  };
};

describe('/.well-known/void', () => {
  let v: Quad[];
  beforeAll(async () => {
    const r = await get('/.well-known/void');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/turtle; charset=utf-8');
    expect(r.headers.vary).toContain('Accept');
    v = turtle(r.body);
  });

  it('counts exactly what the dataset holds', () => {
    const c = counts();
    expect(num(v, WHOLE, `${VOID}triples`)).toBe(c.triples);
    expect(num(v, WHOLE, `${VOID}entities`)).toBe(c.entities);
    expect(num(v, WHOLE, `${VOID}classes`)).toBe(c.classes);
    expect(num(v, WHOLE, `${VOID}properties`)).toBe(c.properties);
    expect(num(v, WHOLE, `${VOID}distinctSubjects`)).toBe(c.subjects);
    expect(num(v, WHOLE, `${VOID}distinctObjects`)).toBe(c.objects);
    expect(one(v, WHOLE, `${VOID}triples`)?.termType === 'Literal' && (one(v, WHOLE, `${VOID}triples`) as { datatype: { value: string } }).datatype.value).toBe(`${XSD}integer`);
  });

  it('has a class partition and a property partition per class and property, with IRIs', () => {
    const c = counts();
    const classParts = objects(v, WHOLE, `${VOID}classPartition`).map((o) => o.value);
    expect(classParts.length).toBe(c.classes);
    for (const part of classParts) {
      expect(part.startsWith(`${BASE}void/class/`)).toBe(true);
      expect(num(v, part, `${VOID}entities`)).toBe(c.instances(one(v, part, `${VOID}class`)!.value));
    }
    expect(classParts).toContain(`${BASE}void/class/jpp/Goal`);
    expect(num(v, `${BASE}void/class/jpp/Goal`, `${VOID}entities`)).toBe(c.instances(`${JPP}Goal`));
    const propertyParts = objects(v, WHOLE, `${VOID}propertyPartition`).map((o) => o.value);
    expect(propertyParts.length).toBe(c.properties);
    for (const part of propertyParts) expect(num(v, part, `${VOID}triples`)).toBe(c.withPredicate(one(v, part, `${VOID}property`)!.value));
  });

  it('has one subset per named graph with its own counts and dump', () => {
    const subsets = objects(v, WHOLE, `${VOID}subset`).map((o) => o.value).filter((s) => !s.includes('/void/linkset/'));
    expect(subsets.length).toBe(f.dataset.manifest.graphs.length);
    for (const g of f.dataset.manifest.graphs) {
      const subset = g.plan ? `${BASE}dataset/${g.plan.municipality}/${g.plan.id}` : `${BASE}dataset/vocabulary`;
      expect(subsets).toContain(subset);
      expect(num(v, subset, `${VOID}triples`)).toBe(g.quads);
      expect(objects(v, subset, `${VOID}dataDump`).length).toBe(1);
    }
  });

  it('names the endpoint, dumps, URI space, examples and vocabularies', async () => {
    expect(one(v, WHOLE, `${VOID}sparqlEndpoint`)?.value).toBe(`${BASE}sparql`);
    expect(one(v, WHOLE, `${VOID}uriSpace`)?.value).toBe(`${BASE}id/`);
    const dumps = objects(v, WHOLE, `${VOID}dataDump`).map((o) => o.value).sort();
    expect(dumps).toEqual([`${BASE}dumps/dataset.jsonld`, `${BASE}dumps/dataset.nq`, `${BASE}dumps/dataset.trig`]);
    for (const d of dumps) expect((await get(d.slice(BASE.length - 1))).statusCode).toBe(200);
    const examples = objects(v, WHOLE, `${VOID}exampleResource`).map((o) => o.value);
    const typeOf = (iri: string) => counts().all.filter((q) => q.subject.value === iri && q.predicate.value === RDF_TYPE).map((q) => q.object.value);
    expect(examples.flatMap(typeOf)).toEqual(expect.arrayContaining(['Plan', 'Goal', 'Measure', 'Indicator'].map((c) => JPP + c)));
    const vocabularies = objects(v, WHOLE, `${VOID}vocabulary`).map((o) => o.value);
    expect(vocabularies).toEqual(expect.arrayContaining(['https://w3id.org/jp-plan/def', DCT, 'http://www.w3.org/ns/oa', 'http://www.w3.org/2004/02/skos/core']));
    expect(objects(v, WHOLE, `${DCT}license`).length).toBe(1);
    expect(langs(v, WHOLE, `${DCT}title`)).toEqual(['en', 'ja']);
  });

  it('describes the linksets to e-Stat and to the SDG KOS', () => {
    const c = counts();
    const estat = `${BASE}void/linkset/estat-sac`;
    expect(subjectsOfType(v, `${VOID}Linkset`).sort()).toEqual([estat, `${BASE}void/linkset/sdg-close-match`, `${BASE}void/linkset/sdg-related-match`]);
    expect(one(v, estat, `${VOID}linkPredicate`)?.value).toBe(`${DCT}spatial`);
    expect(objects(v, estat, `${VOID}target`).map((o) => o.value)).toContain('http://data.e-stat.go.jp/lod/sac/');
    expect(num(v, estat, `${VOID}triples`)).toBe(c.withPredicate(`${DCT}spatial`, 'http://data.e-stat.go.jp/lod/sac/'));
    expect(num(v, estat, `${VOID}triples`)).toBeGreaterThan(0);
    const close = `${BASE}void/linkset/sdg-close-match`;
    expect(num(v, close, `${VOID}triples`)).toBe(c.withPredicate('http://www.w3.org/2004/02/skos/core#closeMatch', 'http://metadata.un.org/sdg/'));
    expect(objects(v, close, `${VOID}objectsTarget`).map((o) => o.value)).toEqual(['http://metadata.un.org/sdg/']);
  });

  it('has no blank nodes, speaks JSON-LD and RDF/XML by Accept, and 303s from its resources', async () => {
    expect(v.some((q) => q.subject.termType === 'BlankNode' || q.object.termType === 'BlankNode')).toBe(false);
    const json = await get('/.well-known/void', { accept: 'application/ld+json' });
    expect(json.headers['content-type']).toBe('application/ld+json');
    expect(((await jsonld.toRDF(JSON.parse(json.body), { format: 'application/n-quads' })) as unknown as string).trim().split('\n').length).toBe(v.length);
    const xml = await get('/.well-known/void', { accept: 'application/rdf+xml' });
    expect(xml.headers['content-type']).toBe('application/rdf+xml');
    const partition = await get('/void/class/jpp/Goal');
    expect(partition.statusCode).toBe(303);
    expect(partition.headers.location).toBe(`/.well-known/void`);
    expect((await get('/void/class/jpp/Nothing')).statusCode).toBe(404);
  });
});

describe('/.well-known/void in a browser', () => {
  const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

  it('is an HTML page of the same description at the same URL, while no Accept, */* and ?format= keep their RDF', async () => {
    const r = await get('/.well-known/void', { accept: BROWSER });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(String(r.headers.vary)).toMatch(/^Accept, Accept-Language/);
    expect(String(r.headers.link)).toContain(`<${BASE}.well-known/void?format=ttl>; rel="alternate"; type="text/turtle"`);
    const c = counts();
    const b = r.body;
    expect(b).toContain('<h1>日本の地方公共団体の総合計画 Linked Open Data の VoID 記述</h1>');
    expect(b).toContain(`<dt>データセット</dt><dd><a href="/page/dataset">`);
    expect(b).toContain(`<dt>トリプル数</dt><dd>${c.triples.toLocaleString('en-US')}</dd>`);
    expect(b).toContain(`<dt>エンティティ数</dt><dd>${c.entities.toLocaleString('en-US')}</dd>`);
    expect(b).toContain('<a href="/page/dataset/132101/dai5ji-kihon-koso">');
    expect(b).toContain(`<a href="/page/def/Goal">jpp:Goal</a></th><td class="n">${c.instances(`${JPP}Goal`)}</td>`);
    expect(b).toContain('<a href="/dumps/dataset.nq">dataset.nq</a>');
    expect(b).toMatch(/<th scope="row"><a href="http:\/\/purl.org\/dc\/terms\/spatial"[^>]*>dcterms:spatial<\/a><\/th><td>[^]*?統計LOD/);
    const en = await get('/.well-known/void?lang=en', { accept: BROWSER });
    expect(en.body).toContain('<h1>VoID description of Japanese Municipal Comprehensive Plans as Linked Open Data</h1>');
    expect(en.headers.etag).not.toBe(r.headers.etag);
    for (const headers of [{}, { accept: '*/*' }] as Record<string, string>[]) {
      const rdf = await get('/.well-known/void', headers);
      expect(rdf.headers['content-type'], JSON.stringify(headers)).toBe('text/turtle; charset=utf-8');
      expect(String(rdf.headers.link)).toContain(`<${BASE}.well-known/void?format=html>; rel="alternate"; type="text/html"`);
    }
    expect((await get('/.well-known/void?format=ttl', { accept: BROWSER })).headers['content-type']).toBe('text/turtle; charset=utf-8');
    expect((await get('/.well-known/void?format=html')).headers['content-type']).toBe('text/html; charset=utf-8');
    // A partition 303s to the description, which the browser then gets as this page.
    const partition = await get('/void/class/jpp/Goal', { accept: BROWSER });
    expect(partition.statusCode).toBe(303);
    expect((await get(partition.headers.location as string, { accept: BROWSER })).headers['content-type']).toBe('text/html; charset=utf-8');
  });
});

describe('/catalog (DCAT)', () => {
  let c: Quad[];
  beforeAll(async () => {
    c = turtle((await get('/catalog')).body);
  });
  const manifestFile = (url: string) => f.dataset.manifest.files.find((x) => `${BASE}dumps/${x.path}` === url);

  it('describes the catalog with DCAT-AP mandatory and recommended properties', () => {
    const catalog = `${BASE}catalog`;
    expect(subjectsOfType(c, `${DCAT}Catalog`)).toEqual([catalog]);
    expect(langs(c, catalog, `${DCT}title`)).toEqual(['en', 'ja']);
    expect(langs(c, catalog, `${DCT}description`)).toEqual(['en', 'ja']);
    const publisher = one(c, catalog, `${DCT}publisher`)!.value;
    expect(objects(c, publisher, RDF_TYPE).map((o) => o.value)).toContain(`${FOAF}Agent`);
    expect(langs(c, publisher, `${FOAF}name`)).toEqual(['en', 'ja']);
    for (const p of [`${DCT}license`, `${DCT}language`, `${FOAF}homepage`, `${DCT}issued`, `${DCT}modified`, `${DCAT}service`]) expect(objects(c, catalog, p).length, p).toBeGreaterThan(0);
    expect(objects(c, catalog, `${DCAT}dataset`).length).toBe(f.dataset.manifest.graphs.length + 1);
  });

  it('gives every dataset identifier, titles and descriptions in ja and en, publisher, licence, dates, keywords, themes and distributions', () => {
    const datasets = subjectsOfType(c, `${DCAT}Dataset`);
    expect(datasets.length).toBe(f.dataset.manifest.graphs.length + 1);
    for (const d of datasets) {
      expect(one(c, d, `${DCT}identifier`)?.value, d).toBe(d);
      expect(langs(c, d, `${DCT}title`), d).toEqual(['en', 'ja']);
      expect(langs(c, d, `${DCT}description`), d).toEqual(['en', 'ja']);
      expect(new Set(langs(c, d, `${DCAT}keyword`)), d).toEqual(new Set(['en', 'ja']));
      expect(objects(c, one(c, d, `${DCT}publisher`)!.value, `${FOAF}name`).length).toBe(2);
      expect(one(c, d, `${DCT}license`)?.value).toBe('https://creativecommons.org/licenses/by/4.0/');
      for (const p of [`${DCT}issued`, `${DCT}modified`]) expect((one(c, d, p) as { datatype: { value: string } }).datatype.value).toBe(`${XSD}date`);
      expect(objects(c, d, `${DCAT}theme`).map((o) => o.value)).toContain('http://publications.europa.eu/resource/authority/data-theme/GOVE');
      expect(objects(c, d, `${DCAT}landingPage`).length).toBe(1);
      expect(objects(c, d, `${DCAT}distribution`).length).toBeGreaterThan(0);
    }
  });

  it('links each plan dataset to the document it derives from (written by its municipality), source text, area, period and themes', () => {
    for (const g of f.dataset.manifest.graphs.filter((x) => x.plan)) {
      const d = `${BASE}dataset/${g.plan!.municipality}/${g.plan!.id}`;
      expect(objects(c, d, `${DCT}creator`)).toEqual([]);
      const derived = objects(c, d, 'http://www.w3.org/ns/prov#wasDerivedFrom').map((o) => o.value);
      const document = `${BASE}id/${g.plan!.municipality}/document/${g.plan!.id}`;
      expect(derived).toContain(document);
      const municipality = one(c, document, `${DCT}creator`)!.value;
      expect(municipality).toBe(`${BASE}id/${g.plan!.municipality}`);
      expect(objects(c, municipality, `${FOAF}name`).length).toBe(2);
      // The source text by prov:wasDerivedFrom, not dct:source (whose DCAT-AP range is dcat:Dataset).
      expect(derived.some((iri) => iri.startsWith(`${BASE}sources/${g.plan!.municipality}-`))).toBe(true);
      expect(objects(c, d, `${DCT}source`)).toEqual([]);
      expect(one(c, d, `${DCT}spatial`)?.value).toMatch(/^http:\/\/data\.e-stat\.go\.jp\/lod\/sac\/C\d{5}$/);
      expect(one(c, d, `${DCAT}landingPage`)?.value).toBe(`${BASE}page/id/${g.plan!.municipality}/plan/${g.plan!.id}`);
      expect(objects(c, d, `${DCAT}theme`).some((o) => o.value.startsWith(`${BASE}id/theme/`))).toBe(true);
      const stated = f.dataset.quads.find((q) => q.subject.value === g.plan!.iri && q.predicate.value === `${DCT}temporal`);
      const temporal = one(c, d, `${DCT}temporal`);
      expect(temporal?.value).toBe(stated?.object.value);
      if (temporal) {
        expect(one(c, temporal.value, `${DCAT}startDate`)?.value).toMatch(/^\d{4}-04-01$/);
        expect(one(c, temporal.value, `${DCAT}endDate`)?.value).toMatch(/^\d{4}-03-31$/);
      }
    }
    expect(f.dataset.manifest.graphs.some((g) => g.plan && one(c, `${BASE}dataset/${g.plan.municipality}/${g.plan.id}`, `${DCT}temporal`))).toBe(true);
  });

  it('lists distributions with media type IRIs, sizes and checksums equal to the manifest and to what /dumps serves', async () => {
    const distributions = subjectsOfType(c, `${DCAT}Distribution`);
    // Every published file; the slice files the server reads (graphs/, shared.nq, site.json) are not datasets' distributions.
    expect(distributions.length).toBe(f.dataset.manifest.files.filter((x) => !isSliceFile(x.path)).length);
    for (const dist of distributions) {
      const url = one(c, dist, `${DCAT}downloadURL`)!.value;
      const entry = manifestFile(url)!;
      expect(entry, url).toBeDefined();
      expect(one(c, dist, `${DCAT}accessURL`)?.value).toBe(url);
      expect(one(c, dist, `${DCAT}mediaType`)?.value).toBe(`https://www.iana.org/assignments/media-types/${entry.mediaType}`);
      expect(one(c, dist, `${DCT}format`)?.value).toMatch(/^http:\/\/publications\.europa\.eu\/resource\/authority\/file-type\//);
      const size = one(c, dist, `${DCAT}byteSize`) as { value: string; datatype: { value: string } };
      expect(Number(size.value)).toBe(entry.bytes);
      expect(size.datatype.value).toBe(`${XSD}nonNegativeInteger`);
      const checksum = one(c, dist, 'http://spdx.org/rdf/terms#checksum')!.value;
      expect(one(c, checksum, 'http://spdx.org/rdf/terms#checksumValue')?.value).toBe(entry.sha256);
      expect(one(c, dist, `${DCT}license`)).toBeDefined();
      const body = (await get(url.slice(BASE.length - 1))).rawPayload;
      expect(body.byteLength).toBe(entry.bytes);
      expect(createHash('sha256').update(body).digest('hex')).toBe(entry.sha256);
    }
  });

  it('describes the SPARQL endpoint as a data service', () => {
    const [service] = subjectsOfType(c, `${DCAT}DataService`);
    expect(one(c, service!, `${DCAT}endpointURL`)?.value).toBe(`${BASE}sparql`);
    expect(one(c, service!, `${DCAT}endpointDescription`)?.value).toBe(`${BASE}sparql`);
    expect(one(c, service!, `${DCT}conformsTo`)?.value).toBe('https://www.w3.org/TR/sparql11-protocol/');
    expect(objects(c, service!, `${DCAT}servesDataset`).map((o) => o.value)).toContain(WHOLE);
  });

  it('has no blank nodes and is served as JSON-LD and RDF/XML too, for GET and HEAD, with CORS', async () => {
    expect(c.some((q) => q.subject.termType === 'BlankNode' || q.object.termType === 'BlankNode')).toBe(false);
    const json = await get('/catalog?format=jsonld');
    expect(json.headers['content-type']).toBe('application/ld+json');
    expect(((await jsonld.toRDF(JSON.parse(json.body), { format: 'application/n-quads' })) as unknown as string).trim().split('\n').length).toBe(c.length);
    const xml = await get('/catalog', { accept: 'application/rdf+xml' });
    const rdflib = await import('rdflib');
    const store = rdflib.graph();
    rdflib.parse(xml.body, store, `${BASE}catalog`, 'application/rdf+xml');
    expect(store.statements.length).toBe(c.length);
    const head = await f.app.inject({ method: 'HEAD', url: '/catalog', headers: { origin: 'https://ckan.example.org' } });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['content-type']).toBe('text/turtle; charset=utf-8');
    expect(Number(head.headers['content-length'])).toBeGreaterThan(1000);
    expect(head.headers['access-control-allow-origin']).toBe('*');
    const dataset = await get('/dataset/132101/dai5ji-kihon-koso');
    expect(dataset.statusCode).toBe(303);
    expect(dataset.headers.location).toBe(`/data/dataset/132101/dai5ji-kihon-koso.ttl`);
    expect((await get('/dataset')).statusCode).toBe(303);
    expect((await get('/dataset/000000/none')).statusCode).toBe(404);
  });
});

describe('/dumps/', () => {
  it('lists every published build file, and not the slice files the server reads its documents from', async () => {
    const r = await get('/dumps/');
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    const files = f.dataset.manifest.files;
    expect(files.some((file) => isSliceFile(file.path))).toBe(true);
    for (const file of files) expect(r.body.includes(`href="/dumps/${file.path}"`), file.path).toBe(!isSliceFile(file.path));
    expect((await get('/dumps/shared.nq')).statusCode).toBe(404);
    expect((await get('/dumps')).headers.location).toBe(`/dumps/`);
  });

  it('is an HTML page like the others: CSP, nosniff and Referrer-Policy, styled by the site stylesheet, not inline', async () => {
    for (const headers of [{}, { 'accept-encoding': 'gzip' }] as Record<string, string>[]) {
      const r = await get('/dumps/', headers);
      expect(r.statusCode).toBe(200);
      expect(String(r.headers['content-security-policy'])).toContain("default-src 'self'");
      expect(String(r.headers['content-security-policy'])).toContain("style-src 'self';");
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    }
    const { body } = await get('/dumps/');
    // An inline <style> would be blocked by that CSP; the page uses the site's stylesheet, root-relative.
    expect(body).not.toContain('<style');
    expect(body).toContain('<link rel="stylesheet" href="/assets/site.css">');
    // Absolute URLs only in the hreflang alternates, which crawlers read and browsers never fetch (layout.ts).
    expect(body.split('\n').filter((l) => !l.includes('hreflang="')).join('\n')).not.toMatch(/(?:href|src)="https?:/);
  });

  it('speaks Japanese by default and English when asked, in the site layout, each language with its own ETag', async () => {
    const ja = await get('/dumps/');
    expect(ja.body).toContain('<html lang="ja">');
    expect(ja.body).toContain('<h1>データダンプ</h1>');
    expect(ja.body).toContain('aria-current="page"');
    const en = await get('/dumps/?lang=en');
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain('<h1>Data dumps</h1>');
    expect((await get('/dumps/', { 'accept-language': 'en-GB,en;q=0.9' })).body).toContain('<h1>Data dumps</h1>');
    expect(en.headers.etag).not.toBe(ja.headers.etag);
    expect(String(ja.headers.vary)).toMatch(/accept-language/i);
  });

  it('serves each file with its media type, gzip when accepted, length, ETag and 304', async () => {
    const types: Record<string, string> = {
      'dataset.nq': 'application/n-quads',
      'dataset.trig': 'application/trig',
      'dataset.jsonld': 'application/ld+json',
      'vocabulary.ttl': 'text/turtle; charset=utf-8',
      'plans/132101-dai5ji-kihon-koso.ttl': 'text/turtle; charset=utf-8',
      'manifest.json': 'application/json',
    };
    for (const [path, type] of Object.entries(types)) {
      const plain = await get(`/dumps/${path}`);
      expect(plain.statusCode, path).toBe(200);
      expect(plain.headers['content-type']).toBe(type);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.vary).toContain('Accept-Encoding');
      expect(Number(plain.headers['content-length'])).toBe(plain.rawPayload.byteLength);
      const gz = await get(`/dumps/${path}`, { 'accept-encoding': 'gzip, deflate, br' });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(Number(gz.headers['content-length'])).toBe(gz.rawPayload.byteLength);
      expect(gz.rawPayload.byteLength).toBeLessThan(plain.rawPayload.byteLength);
      expect(gunzipSync(gz.rawPayload).equals(plain.rawPayload)).toBe(true);
      expect(gz.headers.etag).not.toBe(plain.headers.etag);
      expect((await get(`/dumps/${path}`, { 'accept-encoding': 'gzip;q=0, identity' })).headers['content-encoding']).toBeUndefined();
      expect((await get(`/dumps/${path}`, { 'if-none-match': String(plain.headers.etag) })).statusCode).toBe(304);
    }
    const nq = f.dataset.manifest.files.find((x) => x.path === 'dataset.nq')!;
    expect((await get('/dumps/dataset.nq')).headers.etag).toBe(`"${nq.sha256}"`);
  });

  it('never serves anything outside build/', async () => {
    for (const url of ['/dumps/../package.json', '/dumps/%2e%2e/package.json', '/dumps/..%2fpackage.json', '/dumps/plans/..%2F..%2Fpackage.json', '/dumps/%2Fetc%2Fpasswd', '/dumps/nope.nq'])
      expect([400, 404], url).toContain((await get(url)).statusCode);
    // Encoded traversals reach the route (the plain ones are normalised away before routing) and are refused as such.
    for (const url of ['/dumps/..%2fpackage.json', '/dumps/plans/..%2F..%2Fpackage.json']) {
      const r = await get(url);
      expect(r.statusCode, url).toBe(400);
      expect(r.body, url).toContain('invalid dump path');
    }
  });
});

describe('/sitemap.xml, /robots.txt, /healthz', () => {
  it('lists the page of every /id/ resource', async () => {
    const r = await get('/sitemap.xml');
    expect(r.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(r.body).toContain('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    const parts = [...r.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
    const locs = new Set<string>();
    for (const part of parts) for (const m of (await get(part.slice(BASE.length - 1))).body.matchAll(/<loc>([^<]+)<\/loc>/g)) locs.add(m[1]!);
    // Former IRIs (subjects of nothing but owl:sameAs) redirect and have no page of their own.
    const described = f.dataset.quads.filter((q) => q.predicate.value !== 'http://www.w3.org/2002/07/owl#sameAs');
    const ids = new Set(described.map((q) => q.subject.value).filter((s) => s.startsWith(`${BASE}id/`)));
    expect(ids.size).toBeGreaterThan(1000);
    for (const id of ids) expect(locs.has(`${BASE}page/${id.slice(BASE.length)}`), id).toBe(true);
    expect(locs.has(`${BASE}page/id/132110/plan/kihon-koso`)).toBe(false);
    expect(locs.has(BASE)).toBe(true);
    expect(locs.has(`${BASE}page/def/Plan`)).toBe(true);
  });

  it('allows all and points to the sitemap; /healthz answers', async () => {
    const r = await get('/robots.txt');
    expect(r.body).toContain('User-agent: *\nAllow: /');
    expect(r.body).toContain(`Sitemap: ${BASE}sitemap.xml`);
    expect((await get('/healthz')).json()).toMatchObject({ status: 'ok', version: f.dataset.manifest.version });
  });
});
