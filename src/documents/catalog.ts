// Builds the DCAT 3 catalog (DCAT-AP flavoured, harvestable by CKAN's ckanext-dcat) from the build and the curated facts.
import type { Quad } from 'n3';
import type { DatasetFacts, Manifest } from '../convert/index.ts';
import type { Localized } from '../plan/index.ts';
import type { SiteUrls } from '../rdf/uris.ts';
import {
  DCAT,
  DCTERMS,
  EU_DATA_THEME,
  EU_DATA_THEME_SCHEME,
  EU_FILE_TYPE,
  EU_LANGUAGE,
  FOAF,
  IANA_MEDIA_TYPES,
  JPP_ONTOLOGY,
  PROV,
  RDFS,
  SCHEMA,
  SKOS,
  SPARQL_PROTOCOL,
  SPDX,
  VCARD,
} from '../rdf/vocab.ts';
import { fillTemplate, type CatalogFacts } from './catalog-file.ts';
import { ckanTagList } from './ckan-tags.ts';
import { formatOfFile } from './formats.ts';
import { conceptLabel, TripleLookup, type PlanFacts as GraphPlanFacts } from '../rdf/plan-facts.ts';
import { GraphWriter, date, lang, nonNegative, str, typed } from '../rdf/terms.ts';

export interface CatalogInput {
  /** Each plan's facts, as the converter read them from its graph (facts.json). */
  readonly data: DatasetFacts;
  /** The vocabulary graph's triples: the labels of the theme scheme, its concepts and the ontology. */
  readonly vocabulary: readonly Quad[];
  readonly manifest: Pick<Manifest, 'graphs' | 'files'>;
  readonly facts: CatalogFacts;
  readonly urls: SiteUrls;
  /** The named graphs as sd:NamedGraph, each tied to the dataset publishing it (describeNamedGraphs). */
  readonly namedGraphs: readonly Quad[];
}

type BuildFileEntry = Manifest['files'][number];

/** A plan's facts and its graph's dump in build/ (from the manifest). */
type PlanFacts = GraphPlanFacts & { readonly file?: BuildFileEntry };

/**
 * The DCAT catalog: one dcat:Dataset for the whole, one for the vocabulary graph and one per plan, a dcat:DatasetSeries
 * per plan series, and the SPARQL service. Every resource a DCAT-AP 3.0.1 range shape expects to be typed is typed
 * here (languages, places, media types, standards, documents, concept schemes), so that the catalog validates
 * without the EU vocabularies being loaded beside it.
 */
export const buildCatalog = ({ data, vocabulary: vocabularyTriples, manifest, facts, urls, namedGraphs }: CatalogInput): Quad[] => {
  const lookup = new TripleLookup(vocabularyTriples);
  const files = new Map(manifest.files.map((f) => [f.path, f]));
  const counted = new Map(data.graphs.map((f) => [f.iri, f]));
  const plans: PlanFacts[] = manifest.graphs.flatMap((graph) => {
    if (!graph.plan) return [];
    const plan = counted.get(graph.iri)?.plan;
    if (!plan) throw new Error(`facts.json does not describe the plan graph ${graph.iri}`);
    const file = files.get(`plans/${graph.plan.municipality}-${graph.plan.id}.ttl`);
    return [file ? { ...plan, file } : plan];
  });
  const g = new GraphWriter();
  const catalog = urls.catalog();
  const publisher = urls.catalogPublisher();
  const whole = urls.dataset();
  const vocabulary = urls.vocabularyDataset();
  const service = urls.dataService();
  const { issued, modified } = facts.catalog;
  const languages = facts.catalog.languages.map((c) => EU_LANGUAGE + c);
  const euThemes = facts.euDataThemes.map((t) => EU_DATA_THEME + t.code);
  const contact = facts.contactPoint ? urls.catalogContact() : undefined;
  const file = (path: string) => files.get(path);
  const planDatasets = plans.map((p) => urls.planDataset(p.code, p.id));
  const allDatasets = [whole, vocabulary, ...planDatasets];
  /** A web page (DCAT-AP: foaf:Document). */
  const page = (iri: string) => g.type(iri, `${FOAF}Document`);

  g.type(catalog, `${DCAT}Catalog`)
    .localized(catalog, `${DCTERMS}title`, facts.catalog.title)
    .localized(catalog, `${DCTERMS}description`, facts.catalog.description)
    .add(catalog, `${DCTERMS}publisher`, publisher)
    .add(catalog, `${DCTERMS}license`, facts.license)
    .addAll(catalog, `${DCTERMS}language`, languages)
    .add(catalog, `${FOAF}homepage`, urls.home())
    .add(catalog, `${DCTERMS}issued`, date(issued))
    .add(catalog, `${DCTERMS}modified`, date(modified))
    .add(catalog, `${DCAT}themeTaxonomy`, urls.themeScheme())
    .add(catalog, `${DCAT}themeTaxonomy`, EU_DATA_THEME_SCHEME)
    .addAll(catalog, `${DCAT}dataset`, allDatasets)
    .add(catalog, `${DCAT}service`, service)
    .add(catalog, `${RDFS}seeAlso`, urls.voidDescription());

  g.type(publisher, `${FOAF}Agent`, `${FOAF}Organization`)
    .localized(publisher, `${FOAF}name`, facts.publisher.name)
    .add(publisher, `${FOAF}homepage`, facts.publisher.homepage);
  // Titled so that a stock CKAN can match it: ckanext-dcat looks a distribution's licence up in CKAN's register by URL,
  // then by dct:title in the site's default language, and the default register has no CC BY 4.0 URL.
  g.type(facts.license, `${DCTERMS}LicenseDocument`).localized(facts.license, `${DCTERMS}title`, facts.licenseTitle);
  page(urls.home());
  if (facts.publisher.homepage) page(facts.publisher.homepage);
  for (const l of languages) g.type(l, `${DCTERMS}LinguisticSystem`);
  g.type(urls.themeScheme(), `${SKOS}ConceptScheme`).localized(urls.themeScheme(), `${DCTERMS}title`, lookup.localized(urls.themeScheme(), `${SKOS}prefLabel`));
  g.type(EU_DATA_THEME_SCHEME, `${SKOS}ConceptScheme`).localized(EU_DATA_THEME_SCHEME, `${DCTERMS}title`, facts.euDataThemeScheme.title);
  // The ontology every dataset conforms to, and the protocol the service does.
  g.type(JPP_ONTOLOGY, `${DCTERMS}Standard`).localized(JPP_ONTOLOGY, `${DCTERMS}title`, lookup.localized(JPP_ONTOLOGY, `${DCTERMS}title`));
  g.type(SPARQL_PROTOCOL, `${DCTERMS}Standard`).localized(SPARQL_PROTOCOL, `${DCTERMS}title`, { ja: 'SPARQL 1.1 プロトコル', en: 'SPARQL 1.1 Protocol' });
  g.type(`${SPDX}checksumAlgorithm_sha256`, `${SPDX}ChecksumAlgorithm`);
  if (contact && facts.contactPoint)
    g.type(contact, `${VCARD}Kind`)
      .localized(contact, `${VCARD}fn`, facts.contactPoint.name)
      .add(contact, `${VCARD}hasEmail`, `mailto:${facts.contactPoint.email}`);

  /** Properties every dataset shares. */
  const common = (dataset: string, title: Localized, description: Localized) =>
    g
      .type(dataset, `${DCAT}Dataset`)
      .add(dataset, `${DCTERMS}identifier`, str(dataset))
      .localized(dataset, `${DCTERMS}title`, title)
      .localized(dataset, `${DCTERMS}description`, description)
      .add(dataset, `${DCTERMS}publisher`, publisher)
      .add(dataset, `${DCTERMS}license`, facts.license)
      .addAll(dataset, `${DCTERMS}language`, languages)
      .add(dataset, `${DCTERMS}issued`, date(issued))
      .add(dataset, `${DCTERMS}modified`, date(modified))
      .add(dataset, `${DCTERMS}conformsTo`, JPP_ONTOLOGY)
      .addAll(dataset, `${DCAT}theme`, euThemes)
      .add(dataset, `${DCAT}contactPoint`, contact);
  // CKAN turns every dcat:keyword into a tag and refuses the dataset when one is not a valid tag (ckan-tags.ts).
  const keywords = (dataset: string, kw: { ja: readonly string[]; en: readonly string[] }) => {
    for (const k of ckanTagList(kw.ja)) g.add(dataset, `${DCAT}keyword`, lang(k, 'ja'));
    for (const k of ckanTagList(kw.en)) g.add(dataset, `${DCAT}keyword`, lang(k, 'en'));
  };
  // A media type and a file type are shared by every distribution of their format: typed once (typed 1,967 times
  // nationally, they made every dataset's description 4,142 triples and the site's index step at start-up 33 s, not 7).
  const typedFormats = new Set<string>();
  const distribution = (dataset: string, entry: BuildFileEntry | undefined) => {
    const format = entry && formatOfFile(entry.path);
    if (!entry || !format) return;
    const iri = urls.distribution(dataset, format.ext);
    const download = urls.dump(entry.path);
    const checksum = urls.checksum(iri);
    g.add(dataset, `${DCAT}distribution`, iri);
    const mediaType = IANA_MEDIA_TYPES + format.mediaType;
    const fileType = EU_FILE_TYPE + format.euFileType;
    if (!typedFormats.has(format.ext)) g.type(mediaType, `${DCTERMS}MediaType`).type(fileType, `${DCTERMS}MediaTypeOrExtent`);
    typedFormats.add(format.ext);
    g.type(iri, `${DCAT}Distribution`)
      .add(iri, `${DCTERMS}title`, lang(`${entry.path} (${format.label})`, 'en'))
      .add(iri, `${DCAT}downloadURL`, download)
      .add(iri, `${DCAT}accessURL`, download)
      .add(iri, `${DCAT}mediaType`, mediaType)
      .add(iri, `${DCTERMS}format`, fileType)
      .add(iri, `${DCAT}accessService`, service)
      .add(iri, `${DCAT}byteSize`, nonNegative(entry.bytes))
      .add(iri, `${SPDX}checksum`, checksum)
      .add(iri, `${DCTERMS}license`, facts.license)
      .add(iri, `${DCTERMS}issued`, date(issued))
      .add(iri, `${DCTERMS}modified`, date(modified));
    g.type(checksum, `${SPDX}Checksum`)
      .add(checksum, `${SPDX}algorithm`, `${SPDX}checksumAlgorithm_sha256`)
      .add(checksum, `${SPDX}checksumValue`, typed(entry.sha256, 'hexBinary'));
  };
  const themeConcepts = new Set<string>();

  // The whole dataset. Parts point to it with dct:isPartOf only: ckanext-dcat takes any subject of dct:hasPart
  // for a (sub-)catalog, so the whole does not list its parts with dct:hasPart.
  common(whole, facts.dataset.title, facts.dataset.description);
  keywords(whole, facts.dataset.keywords);
  g.add(whole, `${DCAT}landingPage`, urls.home()).add(whole, `${RDFS}seeAlso`, urls.voidDescription());
  // Each area is named after its municipality (skos:prefLabel, as GeoDCAT-AP names a dct:Location), so that a reader of
  // the catalog alone (a harvester, the pages' schema.org markup) can name the place without dereferencing e-Stat.
  const areas = new Map(plans.flatMap((p) => p.spatial.map((area) => [area, p.municipality.name] as const)));
  for (const [area, name] of areas) g.type(area, `${DCTERMS}Location`).localized(area, `${SKOS}prefLabel`, name);
  for (const p of plans) {
    // Our datasets are published by us (common: dcterms:publisher); the municipalities wrote the documents they derive from.
    // Not dct:source: DCAT-AP gives it the range dcat:Dataset, and a source text is not one.
    g.addAll(whole, `${DCTERMS}spatial`, p.spatial).addAll(whole, `${PROV}wasDerivedFrom`, p.sources).add(whole, `${PROV}wasDerivedFrom`, p.document?.iri);
    p.themes.forEach((t) => themeConcepts.add(t));
  }
  g.addAll(whole, `${DCAT}theme`, [...themeConcepts].sort());
  for (const path of ['dataset.nq', 'dataset.trig', 'dataset.jsonld']) distribution(whole, file(path));

  common(vocabulary, facts.vocabulary.title, facts.vocabulary.description);
  keywords(vocabulary, facts.vocabulary.keywords);
  g.add(vocabulary, `${DCTERMS}isPartOf`, whole).add(vocabulary, `${DCAT}landingPage`, urls.page('ontology'));
  page(urls.page('ontology'));
  distribution(vocabulary, file('vocabulary.ttl'));

  for (const p of plans) describePlan(g, p, { facts, urls, lookup, whole, common, keywords, distribution });
  describeSeries(g, plans, urls, facts, publisher);

  // Labels of the theme concepts and the municipalities, so that a harvester can show names without dereferencing.
  for (const t of themeConcepts) g.type(t, `${SKOS}Concept`).localized(t, `${SKOS}prefLabel`, conceptLabel(lookup, t)).add(t, `${SKOS}inScheme`, urls.themeScheme());
  for (const t of facts.euDataThemes)
    g.type(EU_DATA_THEME + t.code, `${SKOS}Concept`).localized(EU_DATA_THEME + t.code, `${SKOS}prefLabel`, t.label).add(EU_DATA_THEME + t.code, `${SKOS}inScheme`, EU_DATA_THEME_SCHEME);
  for (const p of plans) g.type(p.municipality.iri, `${FOAF}Agent`).localized(p.municipality.iri, `${FOAF}name`, p.municipality.name);
  // The published documents, attributed to the municipalities that wrote them.
  for (const p of plans)
    if (p.document)
      g.type(p.document.iri, `${FOAF}Document`, `${DCTERMS}BibliographicResource`)
        .add(p.document.iri, `${DCTERMS}creator`, p.document.creator)
        .add(p.document.iri, `${DCTERMS}title`, p.document.title === undefined ? undefined : lang(p.document.title, 'ja'));

  g.type(service, `${DCAT}DataService`)
    .localized(service, `${DCTERMS}title`, facts.dataService.title)
    .localized(service, `${DCTERMS}description`, facts.dataService.description)
    .add(service, `${DCAT}endpointURL`, urls.sparql())
    .add(service, `${DCAT}endpointDescription`, urls.sparql())
    .add(service, `${DCTERMS}conformsTo`, SPARQL_PROTOCOL)
    .add(service, `${DCTERMS}publisher`, publisher)
    .add(service, `${DCTERMS}license`, facts.license)
    .addAll(service, `${DCAT}servesDataset`, allDatasets);
  // The endpoint answers a bare GET with its Service Description; DCAT-AP's range for both is rdfs:Resource.
  g.type(urls.sparql(), `${RDFS}Resource`);
  // The named graph each dataset is published as in the endpoint (sd:graph), and the dataset's link to it.
  g.quads.push(...namedGraphs);
  return g.quads;
};

interface PlanContext {
  readonly facts: CatalogFacts;
  readonly urls: SiteUrls;
  readonly lookup: TripleLookup;
  readonly whole: string;
  readonly common: (dataset: string, title: Localized, description: Localized) => GraphWriter;
  readonly keywords: (dataset: string, kw: { ja: readonly string[]; en: readonly string[] }) => void;
  readonly distribution: (dataset: string, entry: BuildFileEntry | undefined) => void;
}

const describePlan = (g: GraphWriter, p: PlanFacts, { facts, urls, lookup, whole, common, keywords, distribution }: PlanContext) => {
  const dataset = urls.planDataset(p.code, p.id);
  const description = {
    ja: fillTemplate(facts.plan.description.ja, { municipality: p.municipality.name.ja, title: p.title.ja, coverage: p.coverage.ja }),
    en: fillTemplate(facts.plan.description.en, { municipality: p.municipality.name.en, title: p.title.en, coverage: p.coverage.en }),
  };
  // No dcterms:creator: the municipality wrote the plan's document (prov:wasDerivedFrom), not this dataset.
  g.type(urls.page(urls.pathOf(p.iri) ?? ''), `${FOAF}Document`);
  common(dataset, p.label, description)
    .addAll(dataset, `${PROV}wasDerivedFrom`, p.sources)
    .add(dataset, `${PROV}wasDerivedFrom`, p.document?.iri)
    .addAll(dataset, `${DCTERMS}spatial`, p.spatial)
    .add(dataset, `${DCTERMS}isPartOf`, whole)
    .add(dataset, `${DCAT}landingPage`, urls.page(urls.pathOf(p.iri) ?? ''))
    .add(dataset, `${DCAT}version`, versionOf(p))
    .add(dataset, `${DCAT}inSeries`, p.series && urls.datasetSeries(p.code, p.series.id))
    .add(dataset, `${FOAF}primaryTopic`, p.iri)
    .addAll(dataset, `${DCAT}theme`, p.themes);
  const themeLabels = p.themes.map((t) => conceptLabel(lookup, t));
  keywords(dataset, {
    ja: [...facts.plan.keywords.ja, p.municipality.name.ja, ...themeLabels.map((l) => l.ja)],
    en: [...facts.plan.keywords.en, p.municipality.name.en, ...themeLabels.map((l) => l.en)],
  });
  if (p.period) {
    // dcat:startDate/endDate for DCAT-AP 2+ readers, schema:startDate/endDate for DCAT-AP 1 readers.
    g.add(dataset, `${DCTERMS}temporal`, p.period.iri)
      .type(p.period.iri, `${DCTERMS}PeriodOfTime`)
      .add(p.period.iri, `${DCAT}startDate`, date(p.period.start))
      .add(p.period.iri, `${DCAT}endDate`, date(p.period.end))
      .add(p.period.iri, `${SCHEMA}startDate`, date(p.period.start))
      .add(p.period.iri, `${SCHEMA}endDate`, date(p.period.end));
  }
  distribution(dataset, p.file);
};

/** dcat:version of a plan dataset: the edition's number (when printed) and the version the text was taken from, e.g. "5-draft". */
const versionOf = (p: PlanFacts) => {
  const parts = [p.edition === undefined ? undefined : String(p.edition), p.versionStatus].filter((x): x is string => x !== undefined);
  return parts.length ? str(parts.join('-')) : undefined;
};

/**
 * One dcat:DatasetSeries per plan series, its editions' datasets ordered by edition number (then by period), with
 * DCAT 3's dcat:first, dcat:last and dcat:prev (DCAT 3 defines no "next"). Like its datasets, a series is published by
 * this site and covers its editions' areas, and has their dates (DCAT-AP 3.0.1 recommends publisher, geographical
 * coverage and the dates for a dataset series).
 */
const describeSeries = (g: GraphWriter, plans: readonly PlanFacts[], urls: SiteUrls, facts: CatalogFacts, publisher: string) => {
  const bySeries = new Map<string, PlanFacts[]>();
  for (const p of plans) if (p.series) (bySeries.get(p.series.iri) ?? bySeries.set(p.series.iri, []).get(p.series.iri)!).push(p);
  for (const editions of bySeries.values()) {
    editions.sort((a, b) => (a.edition ?? 0) - (b.edition ?? 0) || (a.period?.start ?? '').localeCompare(b.period?.start ?? '') || a.id.localeCompare(b.id));
    const first = editions[0]!;
    const series = urls.datasetSeries(first.code, first.series!.id);
    const datasetOf = (p: PlanFacts) => urls.planDataset(p.code, p.id);
    g.type(series, `${DCAT}DatasetSeries`)
      .localized(series, `${DCTERMS}title`, first.series!.title)
      .localized(series, `${DCTERMS}description`, {
        ja: fillTemplate(facts.series.description.ja, { municipality: first.municipality.name.ja, title: first.series!.title.ja }),
        en: fillTemplate(facts.series.description.en, { municipality: first.municipality.name.en, title: first.series!.title.en }),
      })
      .add(series, `${DCTERMS}publisher`, publisher)
      .addAll(series, `${DCTERMS}spatial`, [...new Set(editions.flatMap((p) => p.spatial))].sort())
      .add(series, `${DCTERMS}issued`, date(facts.catalog.issued))
      .add(series, `${DCTERMS}modified`, date(facts.catalog.modified))
      .add(series, `${FOAF}primaryTopic`, first.series!.iri)
      .add(series, `${DCAT}first`, datasetOf(first))
      .add(series, `${DCAT}last`, datasetOf(editions[editions.length - 1]!));
    editions.forEach((p, i) => i > 0 && g.add(datasetOf(p), `${DCAT}prev`, datasetOf(editions[i - 1]!)));
  }
};
