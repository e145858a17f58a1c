// Every namespace IRI the project uses, in one place (house rule: IRIs are spelled out only here).

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

/** External resources we link to. */
export const ESTAT_SAC = 'http://data.e-stat.go.jp/lod/sac/';
export const SDG_GOAL = 'http://metadata.un.org/sdg/';

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
};

/** Local names of the ontology's classes, one per kind of plan element. */
export const ELEMENT_CLASSES = [
  'Vision',
  'Goal',
  'Policy',
  'Measure',
  'DesiredState',
  'Perspective',
  'Principle',
  'CrossCuttingProject',
  'Indicator',
] as const;
export type ElementClass = (typeof ELEMENT_CLASSES)[number];

export const jpp = (local: string): string => JPP + local;
