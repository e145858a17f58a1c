// The DCAT catalog as harvesters meet it: DCAT-AP 3.0.1 SHACL shapes, CKAN's tag rule, direct documents, HEAD, 303s, series and paging.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Parser, type Quad } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateShacl } from '../../../src/convert/shacl.ts';
import { datasetFactsOf } from '../../../src/convert/index.ts';
import { buildCatalog, describeNamedGraphs, parseCatalogFile } from '../../../src/documents/index.ts';
import { siteUrls } from '../../../src/rdf/uris.ts';
import { BASE, siteFixture, type SiteFixture } from '../../site-helpers.ts';

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const HYDRA = 'http://www.w3.org/ns/hydra/core#';
const VCARD = 'http://www.w3.org/2006/vcard/ns#';
const SHAPES = ['dcat-ap-SHACL.ttl', 'ranges.ttl'].map((f) => readFileSync(`vendor/dcat-ap-3.0.1/${f}`, 'utf8')).join('\n');

const turtle = (body: string) => new Parser({ format: 'text/turtle' }).parse(body);
const objects = (g: readonly Quad[], s: string, p: string) => g.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object.value);
const ofType = (g: readonly Quad[], type: string) => g.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === type).map((q) => q.subject.value).sort();

/** CKAN's own tag rule, run by Python's re (ckan/logic/validators.py: tag_name_validator, tag_length_validator). */
const ckanRejects = (tags: readonly string[]): string[] => {
  const script = [
    'import json, re, sys',
    "match = re.compile(r'[\\w \\-.]*$', re.UNICODE).match",
    'tags = json.load(sys.stdin)',
    'print(json.dumps([t for t in tags if not match(t) or not 2 <= len(t) <= 100]))',
  ].join('\n');
  const run = spawnSync('python3', ['-c', script], { input: JSON.stringify(tags), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`python3 failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as string[];
};

describe('the catalog for harvesters', () => {
  let f: SiteFixture;
  let catalog: Quad[];
  beforeAll(async () => {
    f = await siteFixture();
    catalog = turtle((await f.app.inject({ url: '/catalog.ttl' })).body);
  }, 120_000);
  afterAll(() => f.close());
  const get = (url: string, headers: Record<string, string> = {}) => f.app.inject({ method: 'GET', url, headers });

  it('has no violation of the DCAT-AP 3.0.1 shapes (main and range shapes)', async () => {
    const violations = await validateShacl(catalog, SHAPES);
    expect(violations.map((v) => `${v.focusNode} ${v.path ?? ''} ${v.message}`)).toEqual([]);
  });

  it('gives keywords that CKAN accepts as tags, in Japanese and English, on every dataset', () => {
    const keywords = catalog.filter((q) => q.predicate.value === `${DCAT}keyword`);
    expect(keywords.length).toBeGreaterThan(20);
    expect(ckanRejects(keywords.map((q) => q.object.value))).toEqual([]);
    for (const d of ofType(catalog, `${DCAT}Dataset`)) {
      const langs = new Set(keywords.filter((q) => q.subject.value === d).map((q) => (q.object.termType === 'Literal' ? q.object.language : '')));
      expect([...langs].sort(), d).toEqual(['en', 'ja']);
    }
    // The composite theme 子ども・子育て is split rather than dropped.
    expect(keywords.map((q) => q.object.value)).toContain('子育て');
  });

  it('serves each format at its own URL with its exact Content-Type, Turtle when no Accept is sent, and HEAD on every route', async () => {
    const expected = { ttl: 'text/turtle; charset=utf-8', jsonld: 'application/ld+json', rdf: 'application/rdf+xml', nt: 'application/n-triples' };
    for (const [ext, type] of Object.entries(expected)) {
      const r = await get(`/catalog.${ext}`, { accept: 'text/html' });
      expect(r.statusCode, ext).toBe(200);
      expect(r.headers['content-type']?.toString().startsWith(type), `${ext}: ${r.headers['content-type']}`).toBe(true);
      const head = await f.app.inject({ method: 'HEAD', url: `/catalog.${ext}` });
      expect(head.statusCode).toBe(200);
      expect(head.headers['content-type']).toBe(r.headers['content-type']);
      expect(head.body).toBe('');
    }
    const bare = await get('/catalog');
    expect(bare.headers['content-type']).toBe('text/turtle; charset=utf-8');
    expect((await f.app.inject({ method: 'HEAD', url: '/catalog?page=1' })).statusCode).toBe(200);
    expect((await get('/catalog', { accept: 'application/ld+json' })).headers['content-type']).toContain('application/ld+json');
  });

  it('describes each plan series as a dcat:DatasetSeries its editions are in, with a version, and ties distributions to the service', () => {
    const series = ofType(catalog, `${DCAT}DatasetSeries`);
    expect(series.length).toBe(f.dataset.manifest.graphs.filter((g) => g.plan).length);
    for (const g of f.dataset.manifest.graphs.filter((x) => x.plan)) {
      const d = `${BASE}dataset/${g.plan!.municipality}/${g.plan!.id}`;
      const inSeries = objects(catalog, d, `${DCAT}inSeries`);
      expect(inSeries.length, d).toBe(1);
      expect(series).toContain(inSeries[0]);
      expect(objects(catalog, inSeries[0]!, `${DCAT}last`)).toEqual([d]);
      expect(objects(catalog, d, `${DCAT}version`).length, d).toBe(1);
    }
    expect(objects(catalog, `${BASE}dataset/132101/dai5ji-kihon-koso`, `${DCAT}version`)).toEqual(['5-draft']);
    const service = `${BASE}catalog/service/sparql`;
    for (const dist of ofType(catalog, `${DCAT}Distribution`)) expect(objects(catalog, dist, `${DCAT}accessService`), dist).toEqual([service]);
    expect(objects(catalog, service, `${DCAT}servesDataset`).sort()).toEqual(ofType(catalog, `${DCAT}Dataset`));
    expect(ofType(catalog, `${DCT}Standard`)).toContain('https://w3id.org/jp-plan/def');
  });

  it('dereferences every resource it mints under the base: 303 to a description that has it as a subject', async () => {
    const minted = [...new Set(catalog.map((q) => q.subject.value))].filter((s) => s.startsWith(BASE) && s !== `${BASE}catalog` && !s.startsWith(`${BASE}graph/`));
    expect(minted.length).toBeGreaterThan(20);
    const documents = new Set([...ofType(catalog, 'http://xmlns.com/foaf/0.1/Document'), ...ofType(catalog, 'http://www.w3.org/2000/01/rdf-schema#Resource')]);
    for (const iri of minted) {
      const path = iri.slice(BASE.length - 1);
      // Web pages and the endpoint are documents themselves (200, tested with the pages and the SPARQL service).
      if (documents.has(iri)) continue;
      const r = await get(path, { accept: 'text/turtle' });
      if (path.startsWith('/id/') || path.startsWith('/sources/')) {
        expect([303, 200], iri).toContain(r.statusCode);
        continue;
      }
      expect(r.statusCode, iri).toBe(303);
      const doc = await get(r.headers.location as string);
      expect(doc.statusCode, iri).toBe(200);
      expect(turtle(doc.body).some((q) => q.subject.value === iri), iri).toBe(true);
    }
    // A dataset's description carries its distributions; the browser gets its page.
    const d = `/dataset/132101/dai5ji-kihon-koso`;
    const description = turtle((await get((await get(d)).headers.location as string)).body);
    expect(objects(description, `${BASE}${d.slice(1)}`, `${DCAT}distribution`).length).toBe(1);
    expect(description.some((q) => q.subject.value === `${BASE}${d.slice(1)}/distribution/ttl` && q.predicate.value === `${DCAT}downloadURL`)).toBe(true);
    const html = await get(d, { accept: 'text/html' });
    expect(html.statusCode).toBe(303);
    expect((await get(html.headers.location as string)).statusCode).toBe(200);
    expect((await get('/dataset/000000/none')).statusCode).toBe(404);
  });

  it('answers bad page numbers with 400 and pages past the end with 404, each with a message', async () => {
    for (const bad of ['0', '-1', 'x', '1.5', '99999999999']) {
      const r = await get(`/catalog.ttl?page=${bad}`);
      expect(r.statusCode, bad).toBe(400);
      expect(r.body).toContain('page');
    }
    const past = await get('/catalog?page=2');
    expect(past.statusCode).toBe(404);
    expect(past.body).toContain('page');
  });

  it('leaves the contact point out when data/catalog.yaml has none, and publishes a valid vcard:Kind when it has one', async () => {
    expect(ofType(catalog, `${VCARD}Kind`)).toEqual([]);
    expect(catalog.some((q) => q.predicate.value === `${DCAT}contactPoint`)).toBe(false);
    const yaml = `${readFileSync('data/catalog.yaml', 'utf8')}\ncontactPoint: { name: { ja: 窓口, en: Help desk }, email: lod@example.org }\n`;
    const facts = parseCatalogFile('data/catalog.yaml', yaml);
    const urls = siteUrls(BASE);
    const { quads, manifest } = f.dataset;
    const data = datasetFactsOf(BASE, manifest.graphs, quads);
    const vocabulary = quads.filter((q) => q.graph.value === manifest.graphs[0]!.iri);
    const withContact = buildCatalog({ data, vocabulary, manifest, facts, urls, namedGraphs: describeNamedGraphs({ data, manifest, facts, urls }) });
    const contact = `${BASE}catalog/contact`;
    expect(ofType(withContact, `${VCARD}Kind`)).toEqual([contact]);
    expect(objects(withContact, contact, `${VCARD}hasEmail`)).toEqual(['mailto:lod@example.org']);
    for (const d of ofType(withContact, `${DCAT}Dataset`)) expect(objects(withContact, d, `${DCAT}contactPoint`), d).toEqual([contact]);
    expect(await validateShacl(withContact, SHAPES)).toEqual([]);
  });
});

describe('the catalog in pages of 2', () => {
  let f: SiteFixture;
  beforeAll(async () => {
    f = await siteFixture(BASE, { CATALOG_PAGE_SIZE: '2' });
  }, 120_000);
  afterAll(() => f.close());

  it('follows hydra:next from the first page to the last: every dataset once, each page a valid catalog on its own', async () => {
    const whole = turtle((await f.app.inject({ url: '/catalog.ttl' })).body);
    const all = objects(whole, `${BASE}catalog`, `${DCAT}dataset`).sort();
    const seen: string[] = [];
    let url: string | undefined = `${BASE}catalog.ttl?page=1`;
    let pages = 0;
    while (url) {
      const r = await f.app.inject({ url: url.slice(BASE.length - 1) });
      expect(r.statusCode, url).toBe(200);
      expect(r.headers['content-type']).toBe('text/turtle; charset=utf-8');
      const page = turtle(r.body);
      const listed = objects(page, `${BASE}catalog`, `${DCAT}dataset`);
      expect(listed.length).toBeLessThanOrEqual(2);
      seen.push(...listed);
      // What ckanext-dcat's RDFParser.next_page reads: hydra:next of a hydra:PagedCollection.
      const view = ofType(page, `${HYDRA}PagedCollection`);
      expect(view).toEqual([url]);
      expect(ofType(page, `${HYDRA}PartialCollectionView`)).toEqual([url]);
      expect(objects(page, url, `${HYDRA}first`)).toEqual([`${BASE}catalog.ttl?page=1`]);
      expect(objects(page, `${BASE}catalog`, `${HYDRA}totalItems`)).toEqual([String(all.length)]);
      expect((await validateShacl(page, SHAPES)).map((v) => `${url}: ${v.focusNode} ${v.path} ${v.message}`)).toEqual([]);
      url = objects(page, url, `${HYDRA}next`)[0];
      pages++;
    }
    expect(pages).toBe(Math.ceil(all.length / 2));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(all);
    const last = turtle((await f.app.inject({ url: `/catalog?page=${pages}` })).body);
    expect(objects(last, `${BASE}catalog?page=${pages}`, `${HYDRA}previous`)).toEqual([`${BASE}catalog?page=${pages - 1}`]);
    expect((await f.app.inject({ url: `/catalog?page=${pages + 1}` })).statusCode).toBe(404);
  }, 120_000);
});

describe('the catalog for browsers', () => {
  const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
  let f: SiteFixture;
  beforeAll(async () => {
    f = await siteFixture(BASE, { CATALOG_PAGE_SIZE: '3' });
  }, 120_000);
  afterAll(() => f.close());
  const get = (url: string, headers: Record<string, string> = {}) => f.app.inject({ method: 'GET', url, headers });

  it('answers a browser at /catalog itself with an HTML page of it, and harvesters with the Turtle they got', async () => {
    const page = await get('/catalog', { accept: BROWSER });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers.location).toBeUndefined();
    expect(String(page.headers.vary)).toMatch(/^Accept, Accept-Language/);
    expect(String(page.headers['content-security-policy'])).toContain("default-src 'self'");
    for (const ext of ['ttl', 'jsonld', 'nt', 'rdf']) expect(String(page.headers.link)).toContain(`<${BASE}catalog.${ext}>; rel="alternate"`);
    // ckanext-dcat sends no Accept; other clients */*: Turtle, 200, as before.
    for (const headers of [{}, { accept: '*/*' }, { accept: 'text/turtle' }] as Record<string, string>[]) {
      const r = await get('/catalog', headers);
      expect(r.statusCode, JSON.stringify(headers)).toBe(200);
      expect(r.headers['content-type'], JSON.stringify(headers)).toBe('text/turtle; charset=utf-8');
      expect(r.headers.vary).toBe('Accept, Accept-Encoding');
      expect(String(r.headers.link)).toContain(`<${BASE}catalog?format=html>; rel="alternate"; type="text/html"`);
    }
    // ?format= overrides Accept both ways; the fixed-format URLs stay fixed.
    expect((await get('/catalog?format=ttl', { accept: BROWSER })).headers['content-type']).toBe('text/turtle; charset=utf-8');
    expect((await get('/catalog?format=html')).headers['content-type']).toBe('text/html; charset=utf-8');
    expect((await get('/catalog.ttl', { accept: BROWSER })).headers['content-type']).toBe('text/turtle; charset=utf-8');
    const head = await f.app.inject({ method: 'HEAD', url: '/catalog', headers: { accept: BROWSER } });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(head.body).toBe('');
    expect((await get('/catalog', { accept: BROWSER, 'if-none-match': String(page.headers.etag) })).statusCode).toBe(304);
    // The English page links to the English VoID page, as to every other page.
    const en = (await get('/catalog?format=html&lang=en')).body;
    expect(en).toMatch(/<a href="\/\.well-known\/void\?lang=en">/);
  });

  it('pages the datasets 3 at a time with prev/next links, and 404s past the last page', async () => {
    const whole = turtle((await get('/catalog.ttl')).body);
    const all = objects(whole, `${BASE}catalog`, `${DCAT}dataset`).sort();
    const pages = Math.ceil(all.length / 3);
    expect(pages).toBeGreaterThan(1);
    const seen: string[] = [];
    let url: string | undefined = '/catalog';
    for (let n = 1; url; n++) {
      const r = await get(url, { accept: BROWSER });
      expect(r.statusCode, url).toBe(200);
      // Each dataset links to its own page.
      seen.push(...[...r.body.matchAll(/<th scope="row"><a href="\/page\/(dataset[^"]*)">/g)].map((m) => `${BASE}${m[1]}`));
      expect(r.body, url).toContain(`${n} / ${pages} ページ`);
      expect(r.body.includes('rel="prev"'), url).toBe(n > 1);
      // Its formats name this page's own documents.
      expect(r.body, url).toContain(`<link rel="alternate" type="text/turtle" href="${n === 1 && url === '/catalog' ? `${BASE}catalog.ttl` : `${BASE}catalog.ttl?page=${n}`}">`);
      url = /<a rel="next" href="([^"]*)">/.exec(r.body)?.[1]?.replace(/&amp;/g, '&');
      if (url) expect(url).toBe(`/catalog?page=${n + 1}`);
    }
    expect(seen.sort()).toEqual(all);
    const past = await get(`/catalog?page=${pages + 1}`, { accept: BROWSER });
    expect(past.statusCode).toBe(404);
    expect(past.headers['content-type']).toBe('text/html; charset=utf-8');
    expect((await get('/catalog?page=x', { accept: BROWSER })).statusCode).toBe(400);
  });
});
