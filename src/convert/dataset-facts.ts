// What the catalog and VoID say about the data, counted while the build is written (one graph at a time) and kept in
// facts.json, so that the server describes a national dataset without reading it: each graph's statistics, each
// plan's facts, the vocabulary graph's topics, and the statistics of the merge of every graph.
import type { Quad } from 'n3';
import { readPlanFacts, TripleLookup, type PlanFacts } from '../rdf/plan-facts.ts';
import { MergeStats, tripleStats, type TripleStats } from '../rdf/triple-stats.ts';
import { DCTERMS, ESTAT_SAC, jpp, OWL, RDF, SDG_GOAL, SKOS } from '../rdf/vocab.ts';
import type { GraphInfo } from './dataset.ts';

export const FACTS_FILE = 'facts.json';

/** What a graph is about when it is a vocabulary: its ontologies and concept schemes. */
export const VOCABULARY_TOPICS = [`${OWL}Ontology`, `${SKOS}ConceptScheme`];
/** VoID names one example resource of each of these classes (the first by IRI). */
export const EXAMPLE_CLASSES = ['Plan', 'Goal', 'Measure', 'Indicator'].map(jpp);
/** The links VoID counts as linksets, by linkset name: to e-Stat standard area codes and to the UN SDG goals. */
export const LINK_COUNTS = {
  'estat-sac': { predicate: `${DCTERMS}spatial`, objectSpace: ESTAT_SAC },
  'sdg-close-match': { predicate: `${SKOS}closeMatch`, objectSpace: SDG_GOAL },
  'sdg-related-match': { predicate: `${SKOS}relatedMatch`, objectSpace: SDG_GOAL },
} as const;
export type LinksetName = keyof typeof LINK_COUNTS;

export interface GraphFacts {
  readonly iri: string;
  /** Statistics of the graph's own triples. */
  readonly stats: TripleStats;
  /** Subjects typed with a VOCABULARY_TOPICS class, sorted. */
  readonly topics: readonly string[];
  /** Present for a plan graph. */
  readonly plan?: PlanFacts;
}

export interface DatasetFacts {
  /** Statistics of the RDF merge of every graph (the default graph), with VoID's examples and link counts. */
  readonly whole: TripleStats & { readonly examples: Readonly<Record<string, string>>; readonly links: Readonly<Record<LinksetName, number>> };
  /** In manifest order: the vocabulary graph, then the plan graphs. */
  readonly graphs: readonly GraphFacts[];
}

const LINKSET_NAMES = Object.keys(LINK_COUNTS) as LinksetName[];

/** What a graph's own quads say (made once per plan, where it is converted, and kept in its cache entry). */
export const graphFacts = (baseIri: string, graph: GraphInfo, graphQuads: readonly Quad[]): GraphFacts => {
  const seen = new Set<string>();
  const quads = graphQuads.filter((q) => {
    const key = `${q.subject.id} ${q.predicate.id} ${q.object.id}`;
    return !seen.has(key) && !!seen.add(key);
  });
  const lookup = new TripleLookup(quads);
  const topics = [...new Set(VOCABULARY_TOPICS.flatMap((c) => lookup.subjects(`${RDF}type`, c)))].sort();
  return {
    iri: graph.iri,
    stats: tripleStats(quads, `${baseIri}id/`),
    topics,
    ...(graph.plan ? { plan: readPlanFacts(lookup, { iri: graph.iri, plan: graph.plan }) } : {}),
  };
};

/** The dataset's facts, a graph at a time: each graph's own (graphFacts) and the statistics of their merge. */
export class DatasetFactsBuilder {
  readonly #merge: MergeStats;
  readonly #graphs: GraphFacts[] = [];

  constructor(baseIri: string) {
    this.#merge = new MergeStats(`${baseIri}id/`, EXAMPLE_CLASSES, LINKSET_NAMES.map((n) => LINK_COUNTS[n]));
  }

  /** One graph: its facts, and its quads for the merge (which tells repeated triples apart itself). */
  add(facts: GraphFacts, quads: readonly Quad[]): void {
    this.#merge.add(quads);
    this.#graphs.push(facts);
  }

  finish(): DatasetFacts {
    const { links, ...whole } = this.#merge.totals();
    return { whole: { ...whole, links: Object.fromEntries(LINKSET_NAMES.map((n, i) => [n, links[i]!])) as Record<LinksetName, number> }, graphs: this.#graphs };
  }
}

/** The facts of a dataset held in memory (tests, the in-memory build): its quads grouped by graph, in manifest order. */
export const datasetFactsOf = (baseIri: string, graphs: readonly GraphInfo[], quads: readonly Quad[]): DatasetFacts => {
  const byGraph = new Map<string, Quad[]>(graphs.map((g) => [g.iri, []]));
  for (const q of quads) byGraph.get(q.graph.value)?.push(q);
  const builder = new DatasetFactsBuilder(baseIri);
  for (const g of graphs) builder.add(graphFacts(baseIri, g, byGraph.get(g.iri)!), byGraph.get(g.iri)!);
  return builder.finish();
};

/** facts.json as the build writes it. */
export const factsJson = (facts: DatasetFacts): string => `${JSON.stringify(facts)}\n`;
