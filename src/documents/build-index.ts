// Builds the Linked Data document of every resource we describe from the dataset's quads (pure): the paths at once, each
// document when first asked for.
import { DataFactory, type Quad } from 'n3';
import type { SiteUrls } from '../rdf/uris.ts';
import { OWL, RDF } from '../rdf/vocab.ts';
import { describeResource, distinctTriples, indexTriples, type NameSource, type ResourceDocument } from '../rdf/resource-document.ts';
import type { Descriptions, DocumentIndex } from './model.ts';

const TYPE = `${RDF}type`;
const SAME_AS = `${OWL}sameAs`;

/**
 * One document per IRI that has a path (see siteUrls.pathOf) and appears in the data: as a subject, or, under
 * `id/`, as an object only (so that a dangling reference still dereferences to what points at it).
 * `triples` are the dataset's distinct triples (distinctTriples), made once and shared with the other builders.
 * `described` adds documents for resources that are not in the data but described about it (the named graphs, the
 * catalog's resources), the first that names an IRI winning: their own and inbound triples are taken from their
 * description, made with the document, the rest of which joins their context; the data's triples pointing at them are
 * inbound too (every source text names the catalog's publisher as its dcterms:publisher).
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
        return describeResource(iri, path, own, [...inbound, ...(byObject.get(iri) ?? [])], names, extra);
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
