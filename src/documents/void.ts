// Builds the VoID description of the dataset: statistics, partitions, subsets per graph, dumps and linksets, all counted from the data.
import type { Quad } from 'n3';
import type { Manifest } from '../convert/index.ts';
import type { SiteUrls } from '../rdf/uris.ts';
import {
  DCTERMS,
  ESTAT_SAC,
  ESTAT_SAC_DATASET,
  ESTAT_SPARQL,
  FOAF,
  FORMATS,
  jpp,
  RDF,
  RDFS,
  SDG_GOAL,
  SDG_KOS_DATASET,
  SKOS,
  VOID,
} from '../rdf/vocab.ts';
import { distinctTriples } from './build-index.ts';
import type { CatalogFacts } from './catalog-file.ts';
import { splitTerm, tripleStats, type TripleStats } from './stats.ts';
import { GraphWriter, date, integer, str } from '../rdf/terms.ts';

export interface VoidInput {
  /** Every quad of the dataset, graph names included (for the per-graph subsets). */
  readonly quads: readonly Quad[];
  /** Distinct triples of the dataset (the merge of all graphs). */
  readonly triples: readonly Quad[];
  readonly manifest: Pick<Manifest, 'graphs' | 'files'>;
  readonly facts: CatalogFacts;
  readonly urls: SiteUrls;
  /** The named graphs as sd:NamedGraph, each tied to its subset (describeNamedGraphs). */
  readonly namedGraphs: readonly Quad[];
}

/** The formats the site publishes the data in (VoID features). */
const FEATURES = ['N-Quads', 'TriG', 'JSON-LD', 'Turtle', 'N-Triples', 'RDF_XML'].map((f) => FORMATS + f);
/** One example resource of each of these classes (the first by IRI). */
const EXAMPLE_CLASSES = ['Plan', 'Goal', 'Measure', 'Indicator'].map(jpp);

interface Linkset {
  readonly name: string;
  readonly predicate: string;
  readonly objectSpace: string;
  readonly target: string;
}

export const buildVoid = ({ quads, triples, manifest, facts, urls, namedGraphs }: VoidInput): Quad[] => {
  const g = new GraphWriter();
  const uriSpace = `${urls.base}id/`;
  const whole = urls.dataset();
  const file = (path: string) => manifest.files.find((f) => f.path === path);

  const statistics = (dataset: string, s: TripleStats) =>
    g
      .add(dataset, `${VOID}triples`, integer(s.triples))
      .add(dataset, `${VOID}entities`, integer(s.entities))
      .add(dataset, `${VOID}classes`, integer(s.classes))
      .add(dataset, `${VOID}properties`, integer(s.properties))
      .add(dataset, `${VOID}distinctSubjects`, integer(s.distinctSubjects))
      .add(dataset, `${VOID}distinctObjects`, integer(s.distinctObjects));
  const dump = (dataset: string, path: string) => file(path) && g.add(dataset, `${VOID}dataDump`, urls.dump(path));

  const description = urls.voidDescription();
  g.type(description, `${VOID}DatasetDescription`)
    .localized(description, `${DCTERMS}title`, { ja: `${facts.dataset.title.ja} の VoID 記述`, en: `VoID description of ${facts.dataset.title.en}` })
    .add(description, `${FOAF}primaryTopic`, whole);

  const stats = tripleStats(triples, uriSpace);
  g.type(whole, `${VOID}Dataset`)
    .localized(whole, `${DCTERMS}title`, facts.dataset.title)
    .localized(whole, `${DCTERMS}description`, facts.dataset.description)
    .add(whole, `${DCTERMS}license`, facts.license)
    .add(whole, `${DCTERMS}publisher`, urls.catalogPublisher())
    .add(whole, `${DCTERMS}issued`, date(facts.catalog.issued))
    .add(whole, `${DCTERMS}modified`, date(facts.catalog.modified))
    .add(whole, `${FOAF}homepage`, urls.home())
    .add(whole, `${VOID}sparqlEndpoint`, urls.sparql())
    .add(whole, `${VOID}uriSpace`, str(uriSpace))
    .addAll(whole, `${VOID}feature`, FEATURES);
  ['dataset.nq', 'dataset.trig', 'dataset.jsonld'].forEach((p) => dump(whole, p));
  statistics(whole, stats);
  g.type(urls.catalogPublisher(), `${FOAF}Agent`).localized(urls.catalogPublisher(), `${FOAF}name`, facts.publisher.name);

  for (const c of EXAMPLE_CLASSES) {
    const first = triples.filter((t) => t.predicate.value === `${RDF}type` && t.object.value === c).map((t) => t.subject.value).sort()[0];
    g.add(whole, `${VOID}exampleResource`, first);
  }
  const vocabularies = new Set<string>();
  for (const term of [...stats.propertyTriples.keys(), ...stats.classInstances.keys()]) {
    const split = splitTerm(term);
    if (split) vocabularies.add(split.namespace.replace(/#$/, ''));
  }
  g.addAll(whole, `${VOID}vocabulary`, [...vocabularies].sort());

  for (const [c, n] of stats.classInstances) {
    const split = splitTerm(c);
    if (!split) continue;
    const partition = urls.voidClassPartition(split.prefix, split.local);
    g.add(whole, `${VOID}classPartition`, partition).type(partition, `${VOID}Dataset`).add(partition, `${VOID}class`, c).add(partition, `${VOID}entities`, integer(n));
  }
  for (const [p, n] of stats.propertyTriples) {
    const split = splitTerm(p);
    if (!split) continue;
    const partition = urls.voidPropertyPartition(split.prefix, split.local);
    g.add(whole, `${VOID}propertyPartition`, partition).type(partition, `${VOID}Dataset`).add(partition, `${VOID}property`, p).add(partition, `${VOID}triples`, integer(n));
  }

  // One subset per named graph: the vocabulary graph and each plan's graph.
  for (const graph of manifest.graphs) {
    const subset = graph.plan ? urls.planDataset(graph.plan.municipality, graph.plan.id) : urls.vocabularyDataset();
    const own = quads.filter((q) => q.graph.value === graph.iri);
    g.add(whole, `${VOID}subset`, subset).type(subset, `${VOID}Dataset`).add(subset, `${VOID}sparqlEndpoint`, urls.sparql());
    if (graph.plan) {
      const planIri = graph.plan.iri;
      const titles = triples.filter((t) => t.subject.value === planIri && t.predicate.value === `${RDFS}label`).map((t) => t.object);
      g.addAll(subset, `${DCTERMS}title`, titles).add(subset, `${VOID}exampleResource`, planIri);
      dump(subset, `plans/${graph.plan.municipality}-${graph.plan.id}.ttl`);
    } else {
      g.localized(subset, `${DCTERMS}title`, facts.vocabulary.title);
      dump(subset, 'vocabulary.ttl');
    }
    statistics(subset, tripleStats(distinctTriples(own), uriSpace));
  }
  // Each subset is the sd:graph of its named graph, and points back to it.
  g.quads.push(...namedGraphs);

  // Linksets: municipalities and plans to e-Stat standard area codes; themes to the UN SDG goals.
  const linksets: Linkset[] = [
    { name: 'estat-sac', predicate: `${DCTERMS}spatial`, objectSpace: ESTAT_SAC, target: ESTAT_SAC_DATASET },
    { name: 'sdg-close-match', predicate: `${SKOS}closeMatch`, objectSpace: SDG_GOAL, target: SDG_KOS_DATASET },
    { name: 'sdg-related-match', predicate: `${SKOS}relatedMatch`, objectSpace: SDG_GOAL, target: SDG_KOS_DATASET },
  ];
  for (const l of linksets) {
    const iri = urls.voidLinkset(l.name);
    const links = triples.filter((t) => t.predicate.value === l.predicate && t.object.termType === 'NamedNode' && t.object.value.startsWith(l.objectSpace));
    g.add(whole, `${VOID}subset`, iri)
      .type(iri, `${VOID}Linkset`)
      .add(iri, `${VOID}subjectsTarget`, whole)
      .add(iri, `${VOID}objectsTarget`, l.target)
      .addAll(iri, `${VOID}target`, [whole, l.target])
      .add(iri, `${VOID}linkPredicate`, l.predicate)
      .add(iri, `${VOID}triples`, integer(links.length));
  }
  g.type(ESTAT_SAC_DATASET, `${VOID}Dataset`)
    .localized(ESTAT_SAC_DATASET, `${DCTERMS}title`, facts.linkTargets.estatSac.title)
    .add(ESTAT_SAC_DATASET, `${VOID}uriSpace`, str(ESTAT_SAC))
    .add(ESTAT_SAC_DATASET, `${VOID}sparqlEndpoint`, ESTAT_SPARQL);
  g.type(SDG_KOS_DATASET, `${VOID}Dataset`)
    .localized(SDG_KOS_DATASET, `${DCTERMS}title`, facts.linkTargets.sdg.title)
    .add(SDG_KOS_DATASET, `${VOID}uriSpace`, str(SDG_GOAL));
  return g.quads;
};
