// Builds the SPARQL 1.1 Service Description of the endpoint (formats, features, default dataset with triple counts).
import { DataFactory, type Quad, type Quad_Object, type Quad_Subject } from 'n3';
import { resultsFormatOf, type DatasetStats } from '../../store/index.ts';
import { rdfFormatOf } from '../../rdf/formats.ts';
import { FORMATS, RDF, RDFS, SD, VOID, XSD } from '../../rdf/vocab.ts';

const { namedNode, blankNode, literal, quad } = DataFactory;

/** The W3C format IRI of a media type, from the results table or the RDF syntax table. */
const formatIri = (mediaType: string): string | undefined => resultsFormatOf(mediaType)?.formatIri ?? rdfFormatOf(mediaType)?.formatIri;

/** Prefixes for the description's own vocabularies. */
export const SD_PREFIXES = { sd: SD, void: VOID, formats: FORMATS } as const;

export interface ServiceDescriptionInput {
  /** Public IRI of the endpoint. */
  readonly endpoint: string;
  readonly stats: DatasetStats;
  /** SERVICE endpoints queries may federate with; none means no federation. */
  readonly serviceAllowlist: readonly string[];
  /** Media types the endpoint answers queries in (results and graphs). */
  readonly resultMediaTypes: readonly string[];
  /**
   * The dataset (VoID subset, DCAT dataset) that publishes a named graph (siteUrls.graphDataset). A graph that has
   * one is described by its own IRI, the one it dereferences at, with that dataset as its sd:graph; others by blank nodes.
   */
  readonly graphDataset?: (graphIri: string) => string | undefined;
}

export const serviceDescription = (input: ServiceDescriptionInput): Quad[] => {
  const out: Quad[] = [];
  const add = (s: Quad_Subject, p: string, o: Quad_Object) => out.push(quad(s, namedNode(p), o));
  const a = (s: Quad_Subject, type: string) => add(s, `${RDF}type`, namedNode(type));
  const count = (n: number) => literal(String(n), namedNode(`${XSD}integer`));

  const service = blankNode('service');
  a(service, `${SD}Service`);
  add(service, `${SD}endpoint`, namedNode(input.endpoint));
  add(service, `${SD}supportedLanguage`, namedNode(`${SD}SPARQL11Query`));
  for (const type of input.resultMediaTypes) {
    const iri = formatIri(type);
    if (!iri) throw new Error(`no W3C format IRI known for ${type}`);
    add(service, `${SD}resultFormat`, namedNode(iri));
  }
  add(service, `${SD}feature`, namedNode(`${SD}UnionDefaultGraph`));
  if (input.serviceAllowlist.length > 0) add(service, `${SD}feature`, namedNode(`${SD}BasicFederatedQuery`));
  add(
    service,
    `${RDFS}comment`,
    literal(
      'Read-only. Without default-graph-uri, the default graph is the RDF merge of all named graphs, so queries without GRAPH see all data; ' +
        'each named graph stays addressable with GRAPH. ' +
        (input.serviceAllowlist.length > 0
          ? `SERVICE may only name: ${input.serviceAllowlist.join(', ')}.`
          : 'SERVICE (federated query) is not available.'),
      'en',
    ),
  );

  const dataset = blankNode('dataset');
  add(service, `${SD}defaultDataset`, dataset);
  a(dataset, `${SD}Dataset`);
  const defaultGraph = blankNode('defaultGraph');
  add(dataset, `${SD}defaultGraph`, defaultGraph);
  a(defaultGraph, `${SD}Graph`);
  add(defaultGraph, `${VOID}triples`, count(input.stats.defaultGraphTriples));
  input.stats.graphs.forEach((g, i) => {
    const publishedAs = input.graphDataset?.(g.iri);
    const named = publishedAs ? namedNode(g.iri) : blankNode(`namedGraph${i + 1}`);
    const graph = publishedAs ? namedNode(publishedAs) : blankNode(`graph${i + 1}`);
    add(dataset, `${SD}namedGraph`, named);
    a(named, `${SD}NamedGraph`);
    add(named, `${SD}name`, namedNode(g.iri));
    add(named, `${SD}graph`, graph);
    a(graph, `${SD}Graph`);
    add(graph, `${VOID}triples`, count(g.triples));
  });
  return out;
};
