// Every dataset's landing page carries schema.org Dataset markup that agrees with the catalog and points at downloads the site serves.
import jsonld from 'jsonld';
import { Parser, type Quad } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESCRIPTION_MAX, DESCRIPTION_MIN } from '../../../src/documents/index.ts';
import { BASE, siteFixture, type SiteFixture } from '../../site-helpers.ts';

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const SCHEMA = 'http://schema.org/';
const LANGS = ['ja', 'en'] as const;

/**
 * schema.org's context, cut to what the markup uses: its @vocab (http://schema.org/, as in the published context) and
 * the URL-valued properties it declares as IRIs. Served locally: tests make no network requests.
 */
const SCHEMA_CONTEXT = {
  '@context': {
    '@vocab': SCHEMA,
    ...Object.fromEntries(['url', 'sameAs', 'license', 'contentUrl'].map((p) => [p, { '@id': `${SCHEMA}${p}`, '@type': '@id' }])),
  },
};
const documentLoader = async (url: string) => {
  if (!/^https?:\/\/schema\.org\/?$/.test(url)) throw new Error(`no network in tests: ${url}`);
  return { contextUrl: undefined, documentUrl: url, document: SCHEMA_CONTEXT };
};

const objects = (g: readonly Quad[], s: string, p: string) => g.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object);
const values = (g: readonly Quad[], s: string, p: string) => objects(g, s, p).map((o) => o.value);
const ofType = (g: readonly Quad[], type: string) => g.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === type).map((q) => q.subject.value).sort();

/** The text of every JSON-LD data block of a page. */
const jsonLdBlocks = (page: string) => [...page.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => m[1]!);

const toQuads = async (block: string): Promise<Quad[]> =>
  new Parser({ format: 'N-Quads' }).parse((await jsonld.toRDF(JSON.parse(block), { format: 'application/n-quads', documentLoader } as jsonld.Options.ToRdf)) as unknown as string);

describe('schema.org Dataset markup on landing pages', () => {
  let f: SiteFixture;
  let catalog: Quad[];
  beforeAll(async () => {
    f = await siteFixture();
    catalog = new Parser({ format: 'text/turtle' }).parse((await f.app.inject({ url: '/catalog.ttl' })).body);
  }, 120_000);
  afterAll(() => f.close());
  const get = (url: string) => f.app.inject({ method: 'GET', url });
  const local = (iri: string) => `/${iri.slice(BASE.length)}`;

  it('is on the landing page of every dataset, once, in both languages, and says what the catalog says', async () => {
    const datasets = ofType(catalog, `${DCAT}Dataset`);
    const planDatasets = datasets.filter((d) => values(catalog, d, `${DCAT}landingPage`).some((p) => p.includes('/page/id/')));
    expect(datasets.length).toBeGreaterThanOrEqual(7);
    expect(planDatasets.length).toBeGreaterThanOrEqual(5);
    for (const dataset of datasets) {
      const landing = values(catalog, dataset, `${DCAT}landingPage`);
      expect(landing, dataset).toHaveLength(1);
      for (const lang of LANGS) {
        const page = await get(`${local(landing[0]!)}?lang=${lang}`);
        expect(page.statusCode, landing[0]).toBe(200);
        // Every data block on the page, the resource's own triples included: one schema:Dataset in all.
        const graph = (await Promise.all(jsonLdBlocks(page.body).map(toQuads))).flat();
        const found = ofType(graph, `${SCHEMA}Dataset`);
        expect(found, `${landing[0]} ${lang}`).toEqual([dataset]);
        const at = `${dataset} (${lang})`;

        const [name] = objects(graph, dataset, `${SCHEMA}name`);
        const catalogTitle = objects(catalog, dataset, `${DCT}title`).find((o) => o.termType === 'Literal' && o.language === lang);
        expect(name?.value, at).toBe(catalogTitle?.value);
        const description = values(graph, dataset, `${SCHEMA}description`);
        expect(description, at).toHaveLength(1);
        expect([...description[0]!].length, at).toBeGreaterThanOrEqual(DESCRIPTION_MIN);
        expect([...description[0]!].length, at).toBeLessThanOrEqual(DESCRIPTION_MAX);
        expect(values(graph, dataset, `${SCHEMA}url`), at).toEqual(landing);
        expect(values(graph, dataset, `${SCHEMA}sameAs`), at).toEqual([dataset]);
        expect(values(graph, dataset, `${SCHEMA}license`), at).toEqual(values(catalog, dataset, `${DCT}license`));
        expect(values(graph, dataset, `${SCHEMA}inLanguage`).sort(), at).toEqual(['en', 'ja']);
        const creator = values(graph, dataset, `${SCHEMA}creator`);
        expect(creator, at).toEqual(values(catalog, dataset, `${DCT}publisher`));
        expect(values(graph, creator[0]!, `${SCHEMA}name`).length, at).toBeGreaterThan(0);

        const catalogNode = values(graph, dataset, `${SCHEMA}includedInDataCatalog`);
        expect(catalogNode, at).toHaveLength(1);
        expect(values(graph, catalogNode[0]!, RDF_TYPE), at).toEqual([`${SCHEMA}DataCatalog`]);
        expect(values(graph, catalogNode[0]!, `${SCHEMA}name`).length, at).toBe(1);

        // Every download: served by the app, with the media type the markup announces and the size it states.
        const downloads = values(graph, dataset, `${SCHEMA}distribution`).filter((d) => values(graph, d, RDF_TYPE).includes(`${SCHEMA}DataDownload`));
        expect(downloads.length, at).toBeGreaterThan(0);
        for (const d of downloads) {
          const [contentUrl] = values(graph, d, `${SCHEMA}contentUrl`);
          const res = await get(local(contentUrl!));
          expect(res.statusCode, contentUrl).toBe(200);
          expect(values(graph, d, `${SCHEMA}encodingFormat`), contentUrl).toEqual([String(res.headers['content-type']).split(';')[0]!.trim()]);
          expect(values(graph, d, `${SCHEMA}contentSize`), contentUrl).toEqual([`${res.rawPayload.byteLength} B`]);
        }

        if (planDatasets.includes(dataset)) {
          const places = values(graph, dataset, `${SCHEMA}spatialCoverage`);
          expect(places, at).toHaveLength(1);
          expect(values(graph, places[0]!, RDF_TYPE), at).toEqual([`${SCHEMA}Place`]);
          expect(values(graph, places[0]!, `${SCHEMA}sameAs`), at).toEqual(values(catalog, dataset, `${DCT}spatial`));
          const [placeName] = values(graph, places[0]!, `${SCHEMA}name`);
          expect(placeName, at).toMatch(lang === 'ja' ? /[区市]$/ : /(City|Ward)/);
          // The whole dataset it is part of, and the document it is based on, written by the municipality of the place.
          expect(values(graph, dataset, `${SCHEMA}isPartOf`), at).toEqual([`${BASE}dataset`]);
          const authors = values(graph, dataset, `${SCHEMA}isBasedOn`).flatMap((w) => values(graph, w, `${SCHEMA}creator`));
          expect(authors.flatMap((a) => values(graph, a, `${SCHEMA}name`)), at).toEqual([placeName]);
        }
        const period = values(catalog, dataset, `${DCT}temporal`)[0];
        const temporal = values(graph, dataset, `${SCHEMA}temporalCoverage`);
        if (period) expect(temporal, at).toEqual([`${values(catalog, period, `${DCAT}startDate`)[0]}/${values(catalog, period, `${DCAT}endDate`)[0]}`]);
        else expect(temporal, at).toEqual([]);
        expect(values(graph, dataset, `${SCHEMA}version`), at).toEqual(values(catalog, dataset, `${DCAT}version`));
      }
    }
  }, 120_000);

  it('is in the page language: the Japanese and English pages name the dataset in their own language', async () => {
    const [ja, en] = await Promise.all(LANGS.map(async (lang) => (await Promise.all(jsonLdBlocks((await get(`/?lang=${lang}`)).body).map(toQuads))).flat()));
    const name = (g: Quad[]) => values(g, `${BASE}dataset`, `${SCHEMA}name`)[0];
    expect(name(ja!)).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(name(en!)).toMatch(/^[\x20-\x7e]+$/);
  });

  it('is only on landing pages: an element page has no schema:Dataset', async () => {
    const element = [...f.site.pageContext('ja', `id/${f.site.summary.municipalities[0]!.code}`).view.elements.keys()][0]!;
    const page = await get(local(f.site.urls.page(element.slice(BASE.length))));
    expect(page.statusCode).toBe(200);
    const graph = (await Promise.all(jsonLdBlocks(page.body).map(toQuads))).flat();
    expect(graph.length).toBeGreaterThan(0);
    expect(ofType(graph, `${SCHEMA}Dataset`)).toEqual([]);
  });
});
