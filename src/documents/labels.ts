// Label and type look-ups over a document, for renderers: the best label of any IRI the document mentions.
import type { Literal } from 'n3';
import type { ResourceDocument } from '../rdf/resource-document.ts';
import { LABEL_PREDICATES } from '../rdf/vocab.ts';

// Defined once beside the vocabulary, so that the converter (which writes the shared slice) uses the same set.
export { LABEL_PREDICATES };

/** The label in the preferred language, else in any other, else undefined (rdfs:label, skos:prefLabel or dcterms:title). */
export const labelOf = (doc: ResourceDocument, iri: string, language = 'ja'): string | undefined => {
  const labels: readonly Literal[] = doc.labels.get(iri) ?? [];
  return (labels.find((l) => l.language === language) ?? labels.find((l) => l.language === '') ?? labels[0])?.value;
};

/** The rdf:type IRIs of the resource or of something it mentions. */
export const typesOf = (doc: ResourceDocument, iri: string = doc.iri): readonly string[] => doc.types.get(iri) ?? [];
