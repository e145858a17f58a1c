// Every namespace IRI the project uses, in one place (house rule: IRIs are spelled out only here).
import type { Direction } from '../plan/model.ts';

/** The project's own ontology namespace: fixed, independent of the deployment host. */
export const JPP = 'https://w3id.org/jp-plan/def#';
/** The ontology document IRI (also the name of the vocabulary graph's ontology resource). */
export const JPP_ONTOLOGY = 'https://w3id.org/jp-plan/def';

export const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
export const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';
export const OWL = 'http://www.w3.org/2002/07/owl#';
export const XSD = 'http://www.w3.org/2001/XMLSchema#';
export const SKOS = 'http://www.w3.org/2004/02/skos/core#';
export const DCTERMS = 'http://purl.org/dc/terms/';
export const DCAT = 'http://www.w3.org/ns/dcat#';
export const PROV = 'http://www.w3.org/ns/prov#';
export const OA = 'http://www.w3.org/ns/oa#';
export const ORG = 'http://www.w3.org/ns/org#';
export const FOAF = 'http://xmlns.com/foaf/0.1/';
export const SCHEMA = 'http://schema.org/';
export const SH = 'http://www.w3.org/ns/shacl#';
export const VOID = 'http://rdfs.org/ns/void#';
export const SD = 'http://www.w3.org/ns/sparql-service-description#';
export const VANN = 'http://purl.org/vocab/vann/';
export const TIME = 'http://www.w3.org/2006/time#';
export const VCARD = 'http://www.w3.org/2006/vcard/ns#';
export const SPDX = 'http://spdx.org/rdf/terms#';
/** W3C RDF Data Cube and the SDMX-RDF content-oriented guidelines (cross-domain dimensions, measure, attributes). */
export const QB = 'http://purl.org/linked-data/cube#';
export const SDMX_DIMENSION = 'http://purl.org/linked-data/sdmx/2009/dimension#';
export const SDMX_MEASURE = 'http://purl.org/linked-data/sdmx/2009/measure#';
export const SDMX_ATTRIBUTE = 'http://purl.org/linked-data/sdmx/2009/attribute#';
/** QUDT units of measure (e.g. unit:PERCENT). */
export const QUDT_UNIT = 'http://qudt.org/vocab/unit/';
/** The Bibliographic Ontology: editions and document statuses. */
export const BIBO = 'http://purl.org/ontology/bibo/';
/** W3C unique identifiers for file formats (used by VoID void:feature and SPARQL service descriptions). */
export const FORMATS = 'http://www.w3.org/ns/formats/';
/** IANA media type registry: DCAT-AP's dcat:mediaType values are IRIs under this. */
export const IANA_MEDIA_TYPES = 'https://www.iana.org/assignments/media-types/';
/** EU Publications Office authority tables used by DCAT-AP: data themes, file types, languages. */
export const EU_DATA_THEME = 'http://publications.europa.eu/resource/authority/data-theme/';
export const EU_DATA_THEME_SCHEME = 'http://publications.europa.eu/resource/authority/data-theme';
export const EU_FILE_TYPE = 'http://publications.europa.eu/resource/authority/file-type/';
export const EU_LANGUAGE = 'http://publications.europa.eu/resource/authority/language/';
/** The W3C SPARQL 1.1 Protocol recommendation, which our endpoint conforms to. */
export const SPARQL_PROTOCOL = 'https://www.w3.org/TR/sparql11-protocol/';
/** Hydra Core: the catalog's pages (hydra:PartialCollectionView), which ckanext-dcat follows with hydra:next. */
export const HYDRA = 'http://www.w3.org/ns/hydra/core#';

/** External resources we link to. */
export const ESTAT_SAC = 'http://data.e-stat.go.jp/lod/sac/';
export const SDG_GOAL = 'http://metadata.un.org/sdg/';
/**
 * The datasets those links point into, as VoID link targets. Neither publisher names a void:Dataset IRI for them,
 * so each is identified by its URI space (the namespace its resources live in).
 */
export const ESTAT_SAC_DATASET = ESTAT_SAC;
export const ESTAT_SPARQL = 'http://data.e-stat.go.jp/lod/sparql/alldata/query';
export const SDG_KOS_DATASET = SDG_GOAL;

/** Prefixes written into every RDF serialization, in a fixed order. */
export const PREFIXES: Readonly<Record<string, string>> = {
  jpp: JPP,
  rdf: RDF,
  rdfs: RDFS,
  owl: OWL,
  xsd: XSD,
  skos: SKOS,
  dcterms: DCTERMS,
  dcat: DCAT,
  prov: PROV,
  oa: OA,
  org: ORG,
  foaf: FOAF,
  schema: SCHEMA,
  sac: ESTAT_SAC,
  sdg: SDG_GOAL,
  qb: QB,
  'sdmx-dimension': SDMX_DIMENSION,
  'sdmx-measure': SDMX_MEASURE,
  'sdmx-attribute': SDMX_ATTRIBUTE,
  time: TIME,
  unit: QUDT_UNIT,
  bibo: BIBO,
};

/** Every prefix the project knows (PREFIXES plus the ones only metadata uses), for naming terms in IRIs and labels. */
export const KNOWN_PREFIXES: Readonly<Record<string, string>> = {
  ...PREFIXES,
  vann: VANN,
  void: VOID,
  sd: SD,
  sh: SH,
  vcard: VCARD,
  spdx: SPDX,
};

/** What a quote selection quotes (the last segment of its IRI, `<resource>/quote/<kind>`), in reading order. */
export const QUOTE_KINDS = ['edition', 'title', 'subtitle', 'field', 'text', 'definition', 'data-source', 'direction', 'value', 'fiscal-year', 'year'] as const;
export type QuoteKind = (typeof QUOTE_KINDS)[number];
/** The property that links a quoted resource to its selection, by kind. */
export const QUOTE_PROPERTIES: Readonly<Record<QuoteKind, string>> = {
  edition: `${JPP}editionQuote`,
  title: `${JPP}titleQuote`,
  subtitle: `${JPP}subtitleQuote`,
  field: `${JPP}fieldQuote`,
  text: `${JPP}textQuote`,
  definition: `${JPP}definitionQuote`,
  'data-source': `${JPP}dataSourceQuote`,
  direction: `${JPP}directionQuote`,
  value: `${JPP}valueQuote`,
  'fiscal-year': `${JPP}fiscalYearQuote`,
  year: `${JPP}yearQuote`,
};

/** The status of a plan version, by the plan file's word, as concepts of the ontology's code list jpp:planStatuses. */
export const VERSION_STATUSES = { draft: 'statusDraft', adopted: 'statusAdopted', published: 'statusPublished' } as const;

/** The kinds of indicator value (a dimension of the indicator cube) and their concepts in the ontology's code list. */
export const VALUE_KINDS = { baseline: 'baselineValue', target: 'targetValue', actual: 'actualValue' } as const;
export type ValueKind = keyof typeof VALUE_KINDS;

/** The ontology's concept for each direction an indicator may be meant to move in. */
export const DIRECTION_CONCEPTS: Readonly<Record<Direction, string>> = {
  increase: 'directionIncrease',
  decrease: 'directionDecrease',
  maintain: 'directionMaintain',
};

export const jpp = (local: string): string => JPP + local;

/** The predicates that name a resource, in order of preference: rdfs:label, skos:prefLabel, dcterms:title. */
export const LABEL_PREDICATES: ReadonlySet<string> = new Set([`${RDFS}label`, `${SKOS}prefLabel`, `${DCTERMS}title`]);
