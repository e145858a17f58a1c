// The document model: what one Linked Data description holds about one resource (for serializers and HTML pages).
import type { Literal, Quad } from 'n3';

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

/** Every document of the dataset by path, built once at start-up. */
export interface DocumentIndex {
  readonly byPath: ReadonlyMap<string, ResourceDocument>;
  /** The same documents by IRI. */
  readonly byIri: ReadonlyMap<string, ResourceDocument>;
}

/**
 * Descriptions of resources that are not in the data but described about it (the named graphs, the catalog's
 * resources), each made when asked for: their IRIs up front, a description (its triples) on demand.
 */
export interface Descriptions {
  readonly iris: readonly string[];
  /** The triples describing `iri`, or undefined when it is not one of `iris`. */
  describe(iri: string): readonly Quad[] | undefined;
}
