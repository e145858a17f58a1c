// Builds the VoID description of the dataset: statistics, partitions, subsets per graph, dumps and linksets, all counted from the data.
import type { Quad } from 'n3';
import { EXAMPLE_CLASSES, LINK_COUNTS, type DatasetFacts, type LinksetName, type Manifest } from '../convert/index.ts';
import type { SiteUrls } from '../rdf/uris.ts';
import {
  DCTERMS,
  ESTAT_SAC,
  ESTAT_SAC_DATASET,
  ESTAT_SPARQL,
  FOAF,
  FORMATS,
  SDG_GOAL,
  SDG_KOS_DATASET,
  SKOS,
  VOID,
} from '../rdf/vocab.ts';
import type { CatalogFacts } from './catalog-file.ts';
import { splitTerm, type TripleStats } from '../rdf/triple-stats.ts';
import { GraphWriter, date, integer, lang, str } from '../rdf/terms.ts';

export interface VoidInput {
  /** What the converter counted: the merge's and each graph's statistics, each plan's facts (facts.json). */
  readonly data: DatasetFacts;
  readonly manifest: Pick<Manifest, 'graphs' | 'files'>;
  readonly facts: CatalogFacts;
  readonly urls: SiteUrls;
  /** The named graphs as sd:NamedGraph, each tied to its subset (describeNamedGraphs). */
  readonly namedGraphs: readonly Quad[];
}

/** The formats the site publishes the data in (VoID features). */
const FEATURES = ['N-Quads', 'TriG', 'JSON-LD', 'Turtle', 'N-Triples', 'RDF_XML'].map((f) => FORMATS + f);
/** The dataset each linkset's objects are in. */
const LINK_TARGETS: Readonly<Record<LinksetName, string>> = { 'estat-sac': ESTAT_SAC_DATASET, 'sdg-close-match': SDG_KOS_DATASET, 'sdg-related-match': SDG_KOS_DATASET };

export const buildVoid = ({ data, manifest, facts, urls, namedGraphs }: VoidInput): Quad[] => {
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

  const stats = data.whole;
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

  for (const c of EXAMPLE_CLASSES) g.add(whole, `${VOID}exampleResource`, stats.examples[c]);
  const vocabularies = new Set<string>();
  for (const term of [...Object.keys(stats.propertyTriples), ...Object.keys(stats.classInstances)]) {
    const split = splitTerm(term);
    if (split) vocabularies.add(split.namespace.replace(/#$/, ''));
  }
  g.addAll(whole, `${VOID}vocabulary`, [...vocabularies].sort());

  for (const [c, n] of Object.entries(stats.classInstances)) {
    const split = splitTerm(c);
    if (!split) continue;
    const partition = urls.voidClassPartition(split.prefix, split.local);
    g.add(whole, `${VOID}classPartition`, partition).type(partition, `${VOID}Dataset`).add(partition, `${VOID}class`, c).add(partition, `${VOID}entities`, integer(n));
  }
  for (const [p, n] of Object.entries(stats.propertyTriples)) {
    const split = splitTerm(p);
    if (!split) continue;
    const partition = urls.voidPropertyPartition(split.prefix, split.local);
    g.add(whole, `${VOID}propertyPartition`, partition).type(partition, `${VOID}Dataset`).add(partition, `${VOID}property`, p).add(partition, `${VOID}triples`, integer(n));
  }

  // One subset per named graph: the vocabulary graph and each plan's graph.
  const graphFacts = new Map(data.graphs.map((f) => [f.iri, f]));
  for (const graph of manifest.graphs) {
    const subset = graph.plan ? urls.planDataset(graph.plan.municipality, graph.plan.id) : urls.vocabularyDataset();
    const counted = graphFacts.get(graph.iri);
    if (!counted) throw new Error(`facts.json does not describe the graph ${graph.iri}`);
    g.add(whole, `${VOID}subset`, subset).type(subset, `${VOID}Dataset`).add(subset, `${VOID}sparqlEndpoint`, urls.sparql());
    if (graph.plan) {
      const titles = (counted.plan?.labels ?? []).map((l) => lang(l.value, l.language));
      g.addAll(subset, `${DCTERMS}title`, titles).add(subset, `${VOID}exampleResource`, graph.plan.iri);
      dump(subset, `plans/${graph.plan.municipality}-${graph.plan.id}.ttl`);
    } else {
      g.localized(subset, `${DCTERMS}title`, facts.vocabulary.title);
      dump(subset, 'vocabulary.ttl');
    }
    statistics(subset, counted.stats);
  }
  // Each subset is the sd:graph of its named graph, and points back to it.
  g.quads.push(...namedGraphs);

  // Linksets: municipalities and plans to e-Stat standard area codes; themes to the UN SDG goals.
  for (const name of Object.keys(LINK_COUNTS) as LinksetName[]) {
    const iri = urls.voidLinkset(name);
    const target = LINK_TARGETS[name];
    g.add(whole, `${VOID}subset`, iri)
      .type(iri, `${VOID}Linkset`)
      .add(iri, `${VOID}subjectsTarget`, whole)
      .add(iri, `${VOID}objectsTarget`, target)
      .addAll(iri, `${VOID}target`, [whole, target])
      .add(iri, `${VOID}linkPredicate`, LINK_COUNTS[name].predicate)
      .add(iri, `${VOID}triples`, integer(stats.links[name]));
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
