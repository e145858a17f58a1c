// A resource's Linked Data document (pure): its own and inbound triples and what names the resources they mention,
// made from triples however they are stored (a slice's index, a build's rows). The converter makes the stored Turtle of
// every municipality's resource with it, and the server every other document, so that both make the same bytes.
import { DataFactory, type Literal, type Quad, type Term } from 'n3';
import { LABEL_PREDICATES, RDF } from './vocab.ts';

/** What kind of resource a document describes; decides the routes that serve it. */
export type DocumentKind =
  /** A resource under `<base>id/` (municipality, plan, element, value, quote selection, selector, theme, SSDS field). */
  | 'resource'
  /** A source text under `<base>sources/` (the text itself is served raw; this is its description). */
  | 'source'
  /** A class or property of the ontology namespace https://w3id.org/jp-plan/def#. */
  | 'term'
  /** The ontology itself (https://w3id.org/jp-plan/def). */
  | 'ontology'
  /** A named graph under `<base>graph/`, described from the build (not from its own triples). */
  | 'graph';

export interface ResourceDocument {
  /** The IRI described. */
  readonly iri: string;
  /** Path under the base naming its documents: `data/<path>.<ext>` and `page/<path>`, e.g. `id/132101`, `def/Plan`. */
  readonly path: string;
  readonly kind: DocumentKind;
  /** Triples with the resource as subject (graph names dropped, duplicates across graphs merged), sorted. */
  readonly own: readonly Quad[];
  /** Triples with the resource as object, sorted; rdf:type is left out (class extensions belong to SPARQL). */
  readonly inbound: readonly Quad[];
  /**
   * rdfs:label, skos:prefLabel, dcterms:title and rdf:type of every other resource the own and inbound triples
   * mention (as subject, predicate or object), plus the labels of their classes: enough to render the document
   * with no further request.
   */
  readonly context: readonly Quad[];
  /** Labels (rdfs:label, skos:prefLabel, dcterms:title) of the resource and of everything it mentions, by IRI. */
  readonly labels: ReadonlyMap<string, readonly Literal[]>;
  /** rdf:type values of the resource and of everything it mentions, by IRI. */
  readonly types: ReadonlyMap<string, readonly string[]>;
}

const TYPE = `${RDF}type`;

const termKey = (t: Term): string =>
  t.termType === 'Literal' ? `"${t.value}"@${t.language}^${t.datatype.value}` : t.termType === 'BlankNode' ? `_:${t.value}` : `<${t.value}>`;
const tripleKey = (q: Quad): string => `${termKey(q.subject)} ${termKey(q.predicate)} ${termKey(q.object)}`;

/** Triples by key, duplicates dropped (the first kept). */
const keyed = (quads: Iterable<Quad>, into = new Map<string, Quad>()): Map<string, Quad> => {
  for (const q of quads) {
    const key = tripleKey(q);
    if (!into.has(key)) into.set(key, q);
  }
  return into;
};
/** Keyed triples in key order: each key made once (a comparator that made them would make each ~2 log n times). */
const inKeyOrder = (triples: ReadonlyMap<string, Quad>): Quad[] => [...triples.keys()].sort().map((k) => triples.get(k)!);

const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

/** The quads as distinct default-graph triples (the RDF merge of all named graphs). */
export const distinctTriples = (quads: readonly Quad[]): Quad[] =>
  [...keyed(quads).values()].map((q) => (q.graph.termType === 'DefaultGraph' ? q : DataFactory.quad(q.subject, q.predicate, q.object)));

const kindOf = (path: string): DocumentKind =>
  path === 'ontology'
    ? 'ontology'
    : path.startsWith('def/')
      ? 'term'
      : path.startsWith('sources/')
        ? 'source'
        : path.startsWith('graph/')
          ? 'graph'
          : 'resource';

/** The labels (rdfs:label, skos:prefLabel, dcterms:title with a literal) and rdf:type triples of a resource, as a slice has them. */
export interface NameSource {
  labels(iri: string): readonly Quad[];
  types(iri: string): readonly Quad[];
}

/** A label triple: one of LABEL_PREDICATES with a literal object. */
export const isLabelTriple = (t: Quad): boolean => LABEL_PREDICATES.has(t.predicate.value) && t.object.termType === 'Literal';

/** Triples (distinct, IRI subjects only) indexed as documents read them: own, inbound (rdf:type left out), names. */
export interface TripleIndex {
  readonly bySubject: ReadonlyMap<string, readonly Quad[]>;
  readonly byObject: ReadonlyMap<string, readonly Quad[]>;
  readonly names: NameSource;
}

/** Triples by their IRI subject (blank-node subjects left out, as every index here leaves them out). */
export const subjectIndex = (triples: readonly Quad[]): Map<string, Quad[]> => {
  const bySubject = new Map<string, Quad[]>();
  for (const t of triples) if (t.subject.termType === 'NamedNode') push(bySubject, t.subject.value, t);
  return bySubject;
};

export const indexTriples = (triples: readonly Quad[]): TripleIndex => {
  const bySubject = subjectIndex(triples);
  const byObject = new Map<string, Quad[]>();
  const labelsOf = new Map<string, Quad[]>();
  const typesOf = new Map<string, Quad[]>();
  for (const t of triples) {
    if (t.subject.termType !== 'NamedNode') continue;
    if (t.object.termType === 'NamedNode' && t.predicate.value !== TYPE) push(byObject, t.object.value, t);
    if (isLabelTriple(t)) push(labelsOf, t.subject.value, t);
    if (t.predicate.value === TYPE) push(typesOf, t.subject.value, t);
  }
  return { bySubject, byObject, names: { labels: (iri) => labelsOf.get(iri) ?? [], types: (iri) => typesOf.get(iri) ?? [] } };
};

/**
 * The document of `iri` from its own and inbound triples (any order, duplicates dropped), naming what they mention from
 * `names`; `extra` are triples of a described resource's description to keep beside the labels and types.
 */
export const describeResource = (
  iri: string,
  path: string,
  ownTriples: Iterable<Quad>,
  inboundTriples: Iterable<Quad>,
  names: NameSource,
  extra: readonly Quad[] = [],
): ResourceDocument => {
  // Read in the order given (it decides the order of `labels`), stored in key order.
  const ownKeyed = keyed(ownTriples);
  const inboundKeyed = keyed(inboundTriples);
  const own = [...ownKeyed.values()];
  const inbound = [...inboundKeyed.values()];
  const mentioned = new Set<string>();
  for (const t of [...own, ...extra]) {
    mentioned.add(t.predicate.value);
    if (t.object.termType === 'NamedNode') mentioned.add(t.object.value);
  }
  for (const t of extra) mentioned.add(t.subject.value);
  for (const t of inbound) {
    mentioned.add(t.subject.value);
    mentioned.add(t.predicate.value);
  }
  mentioned.delete(iri);

  const context = keyed(extra);
  const add = (t: Quad) => context.set(tripleKey(t), t);
  const classes = new Set<string>();
  for (const t of [...own, ...extra]) if (t.predicate.value === TYPE) classes.add(t.object.value);
  for (const m of mentioned) {
    names.labels(m).forEach(add);
    for (const t of names.types(m)) {
      add(t);
      classes.add(t.object.value);
    }
  }
  for (const c of classes) if (c !== iri && !mentioned.has(c)) names.labels(c).forEach(add);

  const labels = new Map<string, Literal[]>();
  const types = new Map<string, string[]>();
  for (const t of [...own, ...context.values()]) {
    if (isLabelTriple(t)) push(labels, t.subject.value, t.object as Literal);
    if (t.predicate.value === TYPE) push(types, t.subject.value, t.object.value);
  }
  return { iri, path, kind: kindOf(path), own: inKeyOrder(ownKeyed), inbound: inKeyOrder(inboundKeyed), context: inKeyOrder(context), labels, types };
};

