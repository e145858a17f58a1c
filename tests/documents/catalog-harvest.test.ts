// The catalog's triples as a DCAT-AP 3.0.1 harvester reads them: the shapes, the dataset series' recommended
// properties, the licence a stock CKAN can match, and dates that say when the published data last changed.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DataFactory, type Quad } from 'n3';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDataset } from '../../src/convert/dataset.ts';
import { datasetFactsOf } from '../../src/convert/index.ts';
import { readLicense } from '../../src/convert/sitemap-file.ts';
import { validateShacl } from '../../src/convert/shacl.ts';
import { buildCatalog } from '../../src/documents/catalog.ts';
import { CatalogIndex, catalogPage, catalogPageCount } from '../../src/documents/catalog-views.ts';
import { parseCatalogFile, type CatalogFacts } from '../../src/documents/catalog-file.ts';
import { loadInputs } from '../../src/plan/index.ts';
import { quadLine } from '../../src/rdf/serialize.ts';
import { siteUrls } from '../../src/rdf/uris.ts';
import { DCAT, DCTERMS, FOAF, RDF, SKOS } from '../../src/rdf/vocab.ts';

const BASE = 'http://localhost:3000/';
const urls = siteUrls(BASE);
const SHAPES = ['dcat-ap-SHACL.ttl', 'ranges.ttl'].map((f) => readFileSync(`vendor/dcat-ap-3.0.1/${f}`, 'utf8')).join('\n');

let facts: CatalogFacts;
let catalog: Quad[];
let dataset: Awaited<ReturnType<typeof buildDataset>>;
beforeAll(async () => {
  dataset = await buildDataset(loadInputs(process.cwd()), readFileSync('ontology/jpplan.ttl', 'utf8'), BASE, 'test', readLicense(process.cwd()));
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

/**
 * CKAN's default licence register (ckan/model/license.py at ckan/ckan 2dbe2c1): id, url, title, and the title CKAN's
 * Japanese translation gives it (ckan/i18n/ja/LC_MESSAGES/ckan.po), which is what a CKAN whose default locale is ja
 * holds when the harvester runs (ckanext-harvest runs its jobs in a request context, where titles are translated).
 */
const CKAN_LICENSES: readonly (readonly [id: string, url: string, en: string, ja: string])[] = [
  ['notspecified', '', 'License not specified', 'ライセンスが指定されていません'],
  ['odc-pddl', 'http://www.opendefinition.org/licenses/odc-pddl', 'Open Data Commons Public Domain Dedication and License (PDDL)', 'Open Data Commons Public Domain Dedication and License (PDDL)'],
  ['odc-odbl', 'http://www.opendefinition.org/licenses/odc-odbl', 'Open Data Commons Open Database License (ODbL)', 'Open Data Commons Open Database License (ODbL)'],
  ['odc-by', 'http://www.opendefinition.org/licenses/odc-by', 'Open Data Commons Attribution License', 'Open Data Commons Attribution License'],
  ['cc-zero', 'http://www.opendefinition.org/licenses/cc-zero', 'Creative Commons CCZero', 'クリエイティブ・コモンズ CC0'],
  ['cc-by', 'http://www.opendefinition.org/licenses/cc-by', 'Creative Commons Attribution', 'クリエイティブ・コモンズ 表示'],
  ['cc-by-sa', 'http://www.opendefinition.org/licenses/cc-by-sa', 'Creative Commons Attribution Share-Alike', 'クリエイティブ・コモンズ 表示 継承'],
  ['gfdl', 'http://www.opendefinition.org/licenses/gfdl', 'GNU Free Documentation License', 'GNU Free Documentation License'],
  ['other-open', '', 'Other (Open)', 'その他 (オープンライセンス)'],
  ['other-pd', '', 'Other (Public Domain)', 'その他 (パブリックドメイン)'],
  ['other-at', '', 'Other (Attribution)', 'その他 (表示)'],
  ['uk-ogl', 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/', 'UK Open Government Licence (OGL)', 'UK Open Government Licence (OGL)'],
  ['cc-nc', 'http://creativecommons.org/licenses/by-nc/2.0/', 'Creative Commons Non-Commercial (Any)', 'クリエイティブ・コモンズ 非商用'],
  ['other-nc', '', 'Other (Non-Commercial)', 'その他 (非商用)'],
  ['other-closed', '', 'Other (Not Open)', 'その他 (非オープンライセンス)'],
];

/**
 * ckanext-dcat's RDFProfile._license (ckanext/dcat/profiles/base.py at ckan/ckanext-dcat 0209972) for a CKAN whose
 * ckan.locale_default is `locale`: the first distribution whose dct:license is in the register by URL, or else by the
 * licence's dct:title; the title read as _object_value reads it, the literal in the default language, else whichever
 * literal comes first (every one of them is tried here, as rdflib's order is not the catalog's).
 */
const ckanLicenseIds = (dataset: string, locale: 'en' | 'ja'): string[] => {
  const byUrl = new Map(CKAN_LICENSES.map(([id, url]) => [url, id]));
  const byTitle = new Map(CKAN_LICENSES.map(([id, , en, ja]) => [locale === 'ja' ? ja : en, id]));
  const literals = (s: string, p: string) => catalog.filter((q) => q.subject.value === s && q.predicate.value === p && q.object.termType === 'Literal').map((q) => q.object as { value: string; language: string });
  for (const distribution of values(dataset, `${DCAT}distribution`)) {
    for (const license of values(distribution, `${DCTERMS}license`)) {
      const byIri = byUrl.get(license);
      if (byIri) return [byIri];
      const titles = literals(license, `${DCTERMS}title`);
      const inLocale = titles.filter((t) => t.language === locale);
      const candidates = (inLocale.length ? inLocale.slice(0, 1) : titles).map((t) => byTitle.get(t.value) ?? '');
      if (candidates.some((id) => id)) return [...new Set(candidates)];
    }
  }
  return [''];
};

describe('the licence', () => {
  it('is the one data/catalog.yaml names, a dct:LicenseDocument, on every dataset, distribution and the service', () => {
    expect(facts.license).toBe('https://creativecommons.org/licenses/by/4.0/');
    expect(values(facts.license, `${RDF}type`)).toEqual([`${DCTERMS}LicenseDocument`]);
    const licensed = [...ofType(`${DCAT}Dataset`), ...ofType(`${DCAT}Distribution`), ...ofType(`${DCAT}DataService`), urls.catalog()];
    for (const r of licensed) expect(values(r, `${DCTERMS}license`), r).toEqual([facts.license]);
  });

  it.each(['en', 'ja'] as const)("is CKAN's cc-by for every dataset a stock CKAN harvests, by title, at default locale %s", (locale) => {
    const datasets = ofType(`${DCAT}Dataset`);
    expect(datasets.length).toBeGreaterThan(2);
    for (const d of datasets) expect(ckanLicenseIds(d, locale), d).toEqual(['cc-by']);
  });

  it('would be lost without its title, as it was (the register has no CC BY 4.0 URL)', () => {
    const titled = catalog;
    catalog = catalog.filter((q) => !(q.subject.value === facts.license && q.predicate.value === `${DCTERMS}title`));
    try {
      expect(ckanLicenseIds(urls.dataset(), 'en')).toEqual(['']);
    } finally {
      catalog = titled;
    }
  });
});

/**
 * What catalog.modified dates: the dataset's N-Quads (every graph, at the tests' base IRI) and the catalog's triples
 * with each dct:modified value left out, as built from this checkout. Inputs, converter and catalog code alike move it.
 */
const publishedDigest = () => {
  const nquads = String(dataset.files.find((f) => f.path === 'dataset.nq')!.content);
  const undated = DataFactory.literal('');
  const lines = catalog.map((q) => quadLine(q.predicate.value === `${DCTERMS}modified` ? DataFactory.quad(q.subject, q.predicate, undated, q.graph) : q)).sort();
  return createHash('sha256').update(nquads).update('\n').update(lines.join('\n')).digest('hex');
};

describe('the modification date (data/catalog.yaml catalog.modified)', () => {
  it('is dct:modified of the catalog, every dataset, series and distribution', () => {
    const dated = [urls.catalog(), ...ofType(`${DCAT}Dataset`), ...ofType(`${DCAT}DatasetSeries`), ...ofType(`${DCAT}Distribution`)];
    for (const r of dated) expect(values(r, `${DCTERMS}modified`), r).toEqual([facts.catalog.modified]);
  });

  it('was set for the published data and catalog as they are: their digest is the one recorded with it', () => {
    const digest = publishedDigest();
    const advice = `the published data or the catalog changed since ${facts.catalog.modified}: in data/catalog.yaml set catalog.modified to the date of this change and catalog.modifiedDigest to "${digest}"`;
    expect(facts.catalog.modifiedDigest, advice).toBe(digest);
  });

  it('is no earlier than any date the published data gives for its own issue, change or adoption', () => {
    const events = [`${DCTERMS}issued`, `${DCTERMS}modified`, `${DCTERMS}dateAccepted`];
    const later = dataset.quads.filter((q) => events.includes(q.predicate.value) && q.object.value > facts.catalog.modified).map((q) => `${q.subject.value} ${q.predicate.value} ${q.object.value}`);
    expect(later).toEqual([]);
    // The ontology's own date is one of them.
    expect(dataset.quads.some((q) => q.subject.value === 'https://w3id.org/jp-plan/def' && q.predicate.value === `${DCTERMS}modified`)).toBe(true);
  });
});
