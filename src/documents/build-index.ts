// Builds the Linked Data document of every resource we describe from the dataset's quads (pure): the paths at once, each
// document when first asked for.
import { DataFactory, type Literal, type Quad, type Term } from 'n3';
import type { SiteUrls } from '../rdf/uris.ts';
import { OWL, RDF } from '../rdf/vocab.ts';
import { LABEL_PREDICATES } from './labels.ts';
import type { Descriptions, DocumentIndex, DocumentKind, ResourceDocument } from './model.ts';

const TYPE = `${RDF}type`;
const SAME_AS = `${OWL}sameAs`;

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

/**
 * One document per IRI that has a path (see siteUrls.pathOf) and appears in the data: as a subject, or, under
 * `id/`, as an object only (so that a dangling reference still dereferences to what points at it).
 * `triples` are the dataset's distinct triples (distinctTriples), made once and shared with the other builders.
 * `described` adds documents for resources that are not in the data but described about it (the named graphs, the
 * catalog's resources), the first that names an IRI winning: their own and inbound triples are taken from their
 * description, made with the document, the rest of which joins their context.
 */
export const buildDocumentIndex = (triples: readonly Quad[], urls: SiteUrls, described: readonly Descriptions[] = []): DocumentIndex => {
  const { bySubject, byObject, names } = indexTriples(triples);

  // A former IRI (the subject of nothing but owl:sameAs) is not described: the server redirects it.
  const former = (iri: string) => (bySubject.get(iri) ?? []).every((t) => t.predicate.value === SAME_AS);
  const candidates = new Set<string>([...bySubject.keys()].filter((iri) => !former(iri)));
  for (const iri of byObject.keys()) if (iri.startsWith(`${urls.base}id/`) && !(bySubject.has(iri) && former(iri))) candidates.add(iri);

  // Each document is made when first asked for: a request for one resource does not pay for the rest of its slice.
  const makers = new Map<string, () => ResourceDocument>();
  for (const iri of candidates) {
    const path = urls.pathOf(iri);
    if (path === undefined) continue;
    makers.set(iri, () => describeResource(iri, path, bySubject.get(iri) ?? [], byObject.get(iri) ?? [], names));
  }
  for (const descriptions of described)
    for (const iri of descriptions.iris) {
      const path = urls.pathOf(iri);
      if (path === undefined || makers.has(iri)) continue;
      makers.set(iri, () => {
        const distinct = distinctTriples(descriptions.describe(iri)!);
        const own = distinct.filter((t) => t.subject.value === iri);
        const inbound = distinct.filter((t) => t.subject.value !== iri && t.object.value === iri && t.predicate.value !== TYPE);
        const extra = distinct.filter((t) => t.subject.value !== iri && !(t.object.value === iri && t.predicate.value !== TYPE));
        return describeResource(iri, path, own, inbound, names, extra);
      });
    }
  const iris = [...makers.keys()].sort();
  const byIri = new LazyMap(iris, (iri) => makers.get(iri)!(), DOCUMENTS_KEPT);
  const iriOfPath = new Map(iris.map((iri) => [urls.pathOf(iri)!, iri]));
  const byPath = new LazyMap([...iriOfPath.keys()], (path) => byIri.get(iriOfPath.get(path)!)!, 0);
  return { byPath, byIri };
};

/**
 * Documents an index holds once made, the most recently asked for: a document is made again from the index in
 * milliseconds, and the routes keep the bodies they send in their own bounded caches, so what the index holds need
 * not grow with the slice (the shared slice's nationally: tens of thousands of documents).
 */
export const DOCUMENTS_KEPT = 1024;

/** A read-only map whose keys are known up front and whose values are made on first get, the last `keep` of them kept. */
class LazyMap<V> implements ReadonlyMap<string, V> {
  readonly #keys: ReadonlySet<string>;
  readonly #made = new Map<string, V>();
  constructor(
    keys: readonly string[],
    readonly make: (key: string) => V,
    readonly keep: number,
  ) {
    this.#keys = new Set(keys);
  }
  get size(): number {
    return this.#keys.size;
  }
  has(key: string): boolean {
    return this.#keys.has(key);
  }
  get(key: string): V | undefined {
    if (!this.#keys.has(key)) return undefined;
    let v = this.#made.get(key);
    if (v === undefined) v = this.make(key);
    // Map order is the recency order: a value asked for again moves to the end, the first is the one to drop.
    else this.#made.delete(key);
    if (this.keep > 0) {
      this.#made.set(key, v);
      if (this.#made.size > this.keep) this.#made.delete(this.#made.keys().next().value!);
    }
    return v;
  }
  keys(): MapIterator<string> {
    return this.#keys.values() as MapIterator<string>;
  }
  *entries(): MapIterator<[string, V]> {
    for (const k of this.#keys) yield [k, this.get(k)!];
  }
  *values(): MapIterator<V> {
    for (const k of this.#keys) yield this.get(k)!;
  }
  forEach(f: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
    for (const [k, v] of this.entries()) f(v, k, this);
  }
  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }
}

/** Every triple of a document: own, inbound and context, without duplicates. */
export const documentTriples = (doc: ResourceDocument): Quad[] => distinctTriples([...doc.own, ...doc.inbound, ...doc.context]);
