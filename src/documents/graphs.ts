// Describes the named graphs (SPARQL 1.1 Service Description) and ties each to the dataset that publishes it (pure).
import type { Quad } from 'n3';
import type { DatasetFacts, Manifest } from '../convert/index.ts';
import type { SiteUrls } from '../rdf/uris.ts';
import type { Localized } from '../plan/index.ts';
import { DCAT, DCTERMS, FOAF, RDF, RDFS, SD, VOID } from '../rdf/vocab.ts';
import type { CatalogFacts } from './catalog-file.ts';
import type { CatalogIndex } from './catalog-views.ts';
import { GraphWriter } from '../rdf/terms.ts';
import type { Descriptions } from './model.ts';

export interface NamedGraphsInput {
  /** What the converter counted and read back per graph (facts.json). */
  readonly data: DatasetFacts;
  readonly manifest: Pick<Manifest, 'graphs'>;
  readonly facts: CatalogFacts;
  readonly urls: SiteUrls;
}

const graphLabel = (of: Localized): Localized => ({ ja: `${of.ja}（名前付きグラフ）`, en: `${of.en} (named graph)` });

/**
 * Every named graph of the build as an `sd:NamedGraph` whose `sd:name` is its own IRI and whose `sd:graph` is the
 * dataset publishing it (the VoID subset and DCAT dataset, which is also typed `sd:Graph` here), with a label and
 * `dcterms:subject` (the plan a plan graph holds; the ontologies and concept schemes of the vocabulary graph). The
 * dataset points back with `rdfs:seeAlso`: neither SPARQL-SD, VoID nor DCAT has an inverse of `sd:graph`.
 * VoID and the catalog both include these triples; the graph documents start from them.
 */
export const describeNamedGraphs = ({ data, manifest, facts, urls }: NamedGraphsInput): Quad[] => {
  const counted = new Map(data.graphs.map((f) => [f.iri, f]));
  const g = new GraphWriter();
  for (const graph of manifest.graphs) {
    const dataset = urls.graphDataset(graph.iri);
    if (!dataset) throw new Error(`no dataset is named for the graph ${graph.iri}`);
    let subjects: string[];
    let label: Localized;
    const own = counted.get(graph.iri);
    if (!own) throw new Error(`facts.json does not describe the graph ${graph.iri}`);
    if (graph.plan) {
      subjects = [graph.plan.iri];
      label = own.plan?.label ?? { ja: graph.plan.iri, en: graph.plan.iri };
    } else {
      // What a vocabulary graph is about: the ontologies and concept schemes it defines.
      subjects = [...own.topics];
      label = facts.vocabulary.title;
    }
    g.type(graph.iri, `${SD}NamedGraph`)
      .add(graph.iri, `${SD}name`, graph.iri)
      .add(graph.iri, `${SD}graph`, dataset)
      .localized(graph.iri, `${RDFS}label`, graphLabel(label))
      .addAll(graph.iri, `${DCTERMS}subject`, subjects);
    g.type(dataset, `${SD}Graph`).add(dataset, `${RDFS}seeAlso`, graph.iri);
  }
  return g.quads;
};

export interface GraphDocumentsInput {
  /** describeNamedGraphs' output. */
  readonly namedGraphs: readonly Quad[];
  /** buildVoid's output. */
  readonly voidQuads: readonly Quad[];
  /** buildCatalog's output, indexed (its own triples by subject are what a graph document repeats). */
  readonly catalog: CatalogIndex;
  readonly manifest: Pick<Manifest, 'graphs'>;
  readonly urls: SiteUrls;
}

/** What the graph document repeats from the catalog about the dataset, and about each of its distributions. */
const CATALOG_DATASET = new Set([`${RDF}type`, `${DCAT}distribution`, `${DCAT}landingPage`, `${FOAF}primaryTopic`]);
const CATALOG_DISTRIBUTION = new Set([`${RDF}type`, `${DCTERMS}title`, `${DCAT}downloadURL`, `${DCAT}mediaType`, `${DCTERMS}format`, `${DCAT}byteSize`]);

/**
 * The description of each named graph, by graph IRI, for its document: the named graph triples, everything VoID says
 * about its dataset (counts, `void:dataDump`, `void:sparqlEndpoint`), and the catalog's types, landing page, primary
 * topic and distributions (`dcat:downloadURL`, media type, size) of that dataset. Nothing new is computed here. Each
 * description is made when asked for (the indexes once, at the first): a national build has thousands of graphs.
 */
export const graphDescriptions = ({ namedGraphs, voidQuads, catalog, manifest, urls }: GraphDocumentsInput): Descriptions => {
  // By subject, so that a national build (thousands of graphs) is one pass over each list, not one per graph.
  const bySubject = (quads: readonly Quad[]) => {
    const index = new Map<string, Quad[]>();
    for (const q of quads) (index.get(q.subject.value) ?? index.set(q.subject.value, []).get(q.subject.value)!).push(q);
    return (s: string) => index.get(s) ?? [];
  };
  let indexes: { named: (s: string) => Quad[]; described: (s: string) => Quad[] } | undefined;
  const graphs = new Set(manifest.graphs.map((g) => g.iri));
  return {
    iris: [...graphs],
    describe: (graph) => {
      if (!graphs.has(graph)) return undefined;
      const { named, described } = (indexes ??= { named: bySubject(namedGraphs), described: bySubject(voidQuads) });
      const dataset = urls.graphDataset(graph)!;
      const ofDataset = catalog.own(dataset);
      const distributions = ofDataset.filter((q) => q.predicate.value === `${DCAT}distribution`).map((q) => q.object.value);
      return [
        ...named(graph),
        ...(dataset === graph ? [] : named(dataset)),
        ...described(dataset),
        ...ofDataset.filter((q) => CATALOG_DATASET.has(q.predicate.value)),
        ...[...new Set(distributions)].flatMap((d) => catalog.own(d).filter((q) => CATALOG_DISTRIBUTION.has(q.predicate.value))),
      ];
    },
  };
};
