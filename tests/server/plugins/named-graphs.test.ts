// The named graphs dereference (303 to their description and page) and are tied both ways to their VoID subset and DCAT dataset.
import { Parser, type Quad } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteUrls } from '../../../src/rdf/uris.ts';
import { BASE, siteFixture, type SiteFixture } from '../../site-helpers.ts';

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';
const SD = 'http://www.w3.org/ns/sparql-service-description#';
const VOID = 'http://rdfs.org/ns/void#';
const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const KOGANEI = `${BASE}graph/132101/dai5ji-kihon-koso`;

let f: SiteFixture;
beforeAll(async () => {
  f = await siteFixture();
});
afterAll(() => f.close());

const get = (url: string, headers: Record<string, string> = {}) => f.app.inject({ method: 'GET', url, headers });
const turtle = (body: string) => new Parser({ format: 'text/turtle' }).parse(body);
const objects = (g: readonly Quad[], s: string, p: string) => g.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object.value).sort();
const has = (g: readonly Quad[], s: string, p: string, o: string) => g.some((q) => q.subject.value === s && q.predicate.value === p && q.object.value === o);
const path = (iri: string) => iri.slice(BASE.length - 1);

/** Each named graph of the build: its IRI, the dataset expected to publish it, its dump and its real size. */
const graphs = () =>
  f.dataset.manifest.graphs.map((g) => ({
    iri: g.iri,
    dataset: g.plan ? `${BASE}dataset/${g.plan.municipality}/${g.plan.id}` : `${BASE}dataset/vocabulary`,
    dump: `${BASE}dumps/${g.plan ? `plans/${g.plan.municipality}-${g.plan.id}.ttl` : 'vocabulary.ttl'}`,
    plan: g.plan?.iri,
    size: new Set(f.dataset.quads.filter((q) => q.graph.value === g.iri).map((q) => `${q.subject.id} ${q.predicate.id} ${q.object.id}`)).size,
  }));

describe('named graph IRIs', () => {
  it('are minted under graph/ and map to their dataset', () => {
    const urls = siteUrls(BASE);
    expect(urls.pathOf(KOGANEI)).toBe('graph/132101/dai5ji-kihon-koso');
    expect(urls.iriOf('graph/vocabulary')).toBe(`${BASE}graph/vocabulary`);
    expect(urls.graphDataset(KOGANEI)).toBe(`${BASE}dataset/132101/dai5ji-kihon-koso`);
    expect(urls.graphDataset(`${BASE}graph/vocabulary`)).toBe(`${BASE}dataset/vocabulary`);
    expect(urls.graphDataset(`${BASE}graph/x`)).toBeUndefined();
    expect(urls.graphDataset(`${BASE}id/132101`)).toBeUndefined();
  });

  it('answer 303 by Accept to /data/graph/….<ext> or /page/graph/…, with Vary: Accept', async () => {
    expect(graphs().length).toBe(6);
    for (const g of graphs()) {
      const p = path(g.iri);
      for (const [accept, location] of [
        ['text/turtle', `/data${p}.ttl`],
        ['application/ld+json', `/data${p}.jsonld`],
        ['application/n-triples', `/data${p}.nt`],
        ['application/rdf+xml', `/data${p}.rdf`],
        [BROWSER, `/page${p}`],
      ] as const) {
        const r = await get(p, { accept });
        expect(r.statusCode, `${p} ${accept}`).toBe(303);
        expect(r.headers.location).toBe(location);
        expect(r.headers.vary).toContain('Accept');
      }
    }
  });

  it('are described as sd:NamedGraph: sd:name, sd:graph → the VoID subset and DCAT dataset with the real triple count, dump and endpoint', async () => {
    for (const g of graphs()) {
      const r = await get(`/data${path(g.iri)}.ttl`);
      expect(r.statusCode).toBe(200);
      const d = turtle(r.body);
      expect(has(d, g.iri, RDF_TYPE, `${SD}NamedGraph`)).toBe(true);
      expect(objects(d, g.iri, `${SD}name`)).toEqual([g.iri]);
      expect(objects(d, g.iri, `${SD}graph`)).toEqual([g.dataset]);
      expect(objects(d, g.dataset, RDF_TYPE)).toEqual(expect.arrayContaining([`${SD}Graph`, `${VOID}Dataset`, `${DCAT}Dataset`]));
      expect(objects(d, g.dataset, `${VOID}triples`).map(Number)).toEqual([g.size]);
      expect(objects(d, g.dataset, `${RDFS}seeAlso`)).toEqual([g.iri]);
      expect(objects(d, g.dataset, `${VOID}sparqlEndpoint`)).toEqual([`${BASE}sparql`]);
      expect(objects(d, g.dataset, `${VOID}dataDump`)).toEqual([g.dump]);
      const downloads = objects(d, g.dataset, `${DCAT}distribution`).flatMap((dist) => objects(d, dist, `${DCAT}downloadURL`));
      expect(downloads).toEqual([g.dump]);
      expect((await get(path(g.dump))).statusCode).toBe(200);
      expect(d.filter((q) => q.subject.value === g.iri && q.predicate.value === `${RDFS}label`).map((q) => (q.object as { language: string }).language).sort()).toEqual(['en', 'ja']);
      const subjects = objects(d, g.iri, `${DCT}subject`);
      if (g.plan) expect(subjects).toEqual([g.plan]);
      else expect(subjects).toContain('https://w3id.org/jp-plan/def');
    }
  });

  it('are named by VoID and the catalog, which link each dataset back to its graph', async () => {
    for (const url of ['/.well-known/void', '/catalog']) {
      const m = turtle((await get(url)).body);
      for (const g of graphs()) {
        expect(has(m, g.iri, RDF_TYPE, `${SD}NamedGraph`), `${url} ${g.iri}`).toBe(true);
        expect(objects(m, g.iri, `${SD}name`)).toEqual([g.iri]);
        expect(objects(m, g.iri, `${SD}graph`)).toEqual([g.dataset]);
        expect(objects(m, g.dataset, `${RDFS}seeAlso`)).toContain(g.iri);
      }
      expect(m.some((q) => q.subject.termType === 'BlankNode' || q.object.termType === 'BlankNode')).toBe(false);
    }
  });

  it('answer 404 when unknown', async () => {
    for (const p of ['/graph/x', '/graph/132101/nothing', '/graph/', '/data/graph/x.ttl', '/page/graph/x']) expect((await get(p)).statusCode, p).toBe(404);
  });

  it('have an HTML page naming the graph, its size, its dump and the endpoint', async () => {
    const g = graphs().find((x) => x.iri === KOGANEI)!;
    const r = await get(`/page${path(KOGANEI)}`, { accept: BROWSER });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    expect(r.body).toContain('名前付きグラフ');
    expect(r.body).toContain(String(g.size));
    expect(r.body).toContain(path(g.dump));
    expect(r.body).toContain(KOGANEI);
    const en = await get(`/page${path(KOGANEI)}?lang=en`);
    expect(en.statusCode).toBe(200);
    expect(en.body).toContain('named graph');
  });
});
