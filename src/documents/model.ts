// The document model: what one Linked Data description holds about one resource (for serializers and HTML pages).
import type { Quad } from 'n3';
import type { ResourceDocument } from '../rdf/resource-document.ts';

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
