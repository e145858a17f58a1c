// The catalog's triples as a DCAT-AP 3.0.1 harvester reads them: the shapes, the dataset series' recommended
// properties, the licence a stock CKAN can match, and dates that say when the published data last changed.
import { readFileSync } from 'node:fs';
import type { Quad } from 'n3';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDataset } from '../../src/convert/dataset.ts';
import { datasetFactsOf } from '../../src/convert/index.ts';
import { readLicense } from '../../src/convert/sitemap-file.ts';
import { validateShacl } from '../../src/convert/shacl.ts';
import { buildCatalog } from '../../src/documents/catalog.ts';
import { CatalogIndex, catalogPage, catalogPageCount } from '../../src/documents/catalog-views.ts';
import { parseCatalogFile, type CatalogFacts } from '../../src/documents/catalog-file.ts';
import { loadInputs } from '../../src/plan/index.ts';
import { siteUrls } from '../../src/rdf/uris.ts';
import { DCAT, DCTERMS, FOAF, RDF, SKOS } from '../../src/rdf/vocab.ts';

const BASE = 'http://localhost:3000/';
const urls = siteUrls(BASE);
const SHAPES = ['dcat-ap-SHACL.ttl', 'ranges.ttl'].map((f) => readFileSync(`vendor/dcat-ap-3.0.1/${f}`, 'utf8')).join('\n');

let facts: CatalogFacts;
let catalog: Quad[];
beforeAll(async () => {
  const dataset = await buildDataset(loadInputs(process.cwd()), readFileSync('ontology/jpplan.ttl', 'utf8'), BASE, 'test', readLicense(process.cwd()));
  facts = parseCatalogFile('data/catalog.yaml', readFileSync('data/catalog.yaml', 'utf8'));
  const { quads, manifest } = dataset;
  const data = datasetFactsOf(BASE, manifest.graphs, quads);
  catalog = buildCatalog({ data, vocabulary: quads.filter((q) => q.graph.value === manifest.graphs[0]!.iri), manifest, facts, urls, namedGraphs: [] });
}, 120_000);

const values = (s: string, p: string) => catalog.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object.value).sort();
const ofType = (type: string) => catalog.filter((q) => q.predicate.value === `${RDF}type` && q.object.value === type).map((q) => q.subject.value).sort();

describe('the catalog', () => {
  it('has no violation of the DCAT-AP 3.0.1 shapes (main and range shapes)', async () => {
    const violations = await validateShacl(catalog, SHAPES);
    expect(violations.map((v) => `${v.focusNode} ${v.path ?? ''} ${v.message}`)).toEqual([]);
  });

  it('has none on any of its pages either, at two datasets a page (a series comes whole with its editions)', async () => {
    const index = new CatalogIndex(catalog, urls.catalog());
    const pages = catalogPageCount(index, 2);
    expect(pages).toBeGreaterThan(2);
    for (let page = 1; page <= pages; page++) {
      const quads = catalogPage(index, { page, size: 2, pageUrl: (n) => `${urls.catalog()}.ttl?page=${n}` })!;
      const violations = await validateShacl(quads, SHAPES);
      expect(violations.map((v) => `page ${page}: ${v.focusNode} ${v.path ?? ''} ${v.message}`)).toEqual([]);
    }
  });
});

describe('each dataset series', () => {
  it('has the publisher of its editions (this site) and covers the areas they cover, each a named dct:Location', () => {
    const series = ofType(`${DCAT}DatasetSeries`);
    expect(series.length).toBeGreaterThan(0);
    for (const s of series) {
      const editions = catalog.filter((q) => q.predicate.value === `${DCAT}inSeries` && q.object.value === s).map((q) => q.subject.value);
      expect(editions.length, s).toBeGreaterThan(0);
      expect(values(s, `${DCTERMS}publisher`), s).toEqual([urls.catalogPublisher()]);
      expect(values(urls.catalogPublisher(), `${RDF}type`)).toContain(`${FOAF}Agent`);
      const areas = [...new Set(editions.flatMap((d) => values(d, `${DCTERMS}spatial`)))].sort();
      expect(areas.length, s).toBeGreaterThan(0);
      expect(values(s, `${DCTERMS}spatial`), s).toEqual(areas);
      for (const a of areas) {
        expect(values(a, `${RDF}type`), a).toContain(`${DCTERMS}Location`);
        expect(values(a, `${SKOS}prefLabel`).length, a).toBe(2);
      }
    }
  });

  it('has the dates of the datasets it holds', () => {
    for (const s of ofType(`${DCAT}DatasetSeries`)) {
      expect(values(s, `${DCTERMS}issued`), s).toEqual([facts.catalog.issued]);
      expect(values(s, `${DCTERMS}modified`), s).toEqual([facts.catalog.modified]);
    }
  });
});
