// The catalog attributes the plans' documents to the municipalities and our datasets to this site's publisher.
import { readFileSync } from 'node:fs';
import type { Quad } from 'n3';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDataset } from '../../src/convert/dataset.ts';
import { readLicense } from '../../src/convert/sitemap-file.ts';
import { datasetFactsOf } from '../../src/convert/index.ts';
import { buildCatalog } from '../../src/documents/catalog.ts';
import { parseCatalogFile } from '../../src/documents/catalog-file.ts';
import { loadInputs, type Inputs } from '../../src/plan/index.ts';
import { siteUrls } from '../../src/rdf/uris.ts';

const BASE = 'http://localhost:3000/';
const urls = siteUrls(BASE);
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const DCT = 'http://purl.org/dc/terms/';
const DCAT = 'http://www.w3.org/ns/dcat#';
const PROV = 'http://www.w3.org/ns/prov#';
const FOAF = 'http://xmlns.com/foaf/0.1/';

let inputs: Inputs;
let catalog: Quad[];
beforeAll(async () => {
  inputs = loadInputs(process.cwd());
  const dataset = await buildDataset(inputs, readFileSync('ontology/jpplan.ttl', 'utf8'), BASE, 'test', readLicense(process.cwd()));
  const facts = parseCatalogFile('data/catalog.yaml', readFileSync('data/catalog.yaml', 'utf8'));
  const { quads, manifest } = dataset;
  const data = datasetFactsOf(BASE, manifest.graphs, quads);
  catalog = buildCatalog({ data, vocabulary: quads.filter((q) => q.graph.value === manifest.graphs[0]!.iri), manifest, facts, urls, namedGraphs: [] });
});

const objects = (s: string, p: string) => catalog.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object);
const values = (s: string, p: string) => objects(s, p).map((o) => o.value).sort();
const text = (s: string, p: string, language: string) => objects(s, p).find((o) => o.termType === 'Literal' && o.language === language)?.value ?? '';

describe('catalog attribution', () => {
  it('is a set: a resource every distribution shares (its media type) is described once, not once per distribution', () => {
    const keys = catalog.map((q) => `${q.subject.id} ${q.predicate.id} ${q.object.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    const mediaTypes = catalog.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === `${DCT}MediaType`);
    expect(mediaTypes.length).toBeGreaterThan(0);
    expect(new Set(mediaTypes.map((q) => q.subject.value)).size).toBe(mediaTypes.length);
  });

  it('names this site as the publisher of every dataset and no creator for any', () => {
    const datasets = catalog.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === `${DCAT}Dataset`).map((q) => q.subject.value);
    expect(datasets.length).toBe(2 + inputs.plans.length);
    for (const d of datasets) {
      expect(values(d, `${DCT}publisher`)).toEqual([urls.catalogPublisher()]);
      expect(values(d, `${DCT}creator`)).toEqual([]);
    }
  });

  it('derives each plan dataset from the published document, written by its municipality', () => {
    for (const plan of inputs.plans) {
      const d = urls.planDataset(plan.municipality.code, plan.id);
      const document = urls.publishedDocument(plan.municipality.code, plan.id);
      // The published document and the source text extracted from it (no dct:source: DCAT-AP's range is a dataset).
      expect(values(d, `${PROV}wasDerivedFrom`)).toContain(document);
      expect(values(d, `${PROV}wasDerivedFrom`).filter((v) => v !== document).every((v) => v.startsWith(urls.sourceText('')))).toBe(true);
      expect(values(d, `${DCT}spatial`)).toEqual([`http://data.e-stat.go.jp/lod/sac/C${plan.municipality.areaCode}`]);
      expect(values(document, RDF_TYPE)).toEqual([`${DCT}BibliographicResource`, `${FOAF}Document`]);
      expect(values(document, `${DCT}creator`)).toEqual([urls.municipality(plan.municipality.code)]);
      expect(values(document, `${DCT}title`)).toEqual(plan.document.title ? [plan.document.title.value] : []);
      expect(values(urls.dataset(), `${PROV}wasDerivedFrom`)).toContain(document);
    }
  });

  it("says in each plan dataset's description what part of the document its source text holds", () => {
    for (const plan of inputs.plans) {
      const d = urls.planDataset(plan.municipality.code, plan.id);
      expect(text(d, `${DCT}description`, 'ja')).toContain(plan.coverage.ja);
      expect(text(d, `${DCT}description`, 'en')).toContain(plan.coverage.en);
    }
  });

  it('no longer presents the extracts as the whole comprehensive plans', () => {
    expect(text(urls.catalog(), `${DCT}description`, 'en')).toMatch(/only part of the published document/);
    expect(text(urls.dataset(), `${DCT}description`, 'en')).toMatch(/only part of a document/);
  });
});
